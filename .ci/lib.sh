# Shared by .ci/demo, .ci/test and tools/check-fresh-machine.sh. Source it from the repository root.
set -euo pipefail

FERRY_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
FERRY_BUILD=${FERRY_BUILD:-$FERRY_ROOT/build}

# Debian 12 packages: every package the build, the tests and the scripts need, named here even when
# another package only recommends it (we install with --no-install-recommends) or a usual machine has
# it already: tools/check-fresh-machine.sh installs exactly these on a freshly debootstrapped Debian 12
# and fails when something is missing. README.md's dependency table says who needs what.
FERRY_PACKAGES=(
    # toolchain
    build-essential cmake ninja-build ccache pkg-config git clang-format clang-tidy clang libclang-rt-14-dev
    # libraries (libqt6opengl6-dev: Qt6Charts' CMake package needs Qt6OpenGL's; qt6-base-dev only
    # recommends it)
    qt6-base-dev libqt6opengl6-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools qt6-charts-dev
    qtkeychain-qt6-dev libqt6sql6-sqlite libqt6svg6 qt6-qpa-plugins
    libgit2-dev libzstd-dev nlohmann-json3-dev libpqxx-dev
    # zlib: the pack writer deflates objects itself (libgit2-dev depends on it; named as it is used)
    zlib1g-dev
    # servers and tools the tests start: PostgreSQL with pg_virtualenv; ssh-keygen and an sshd for the
    # SSH transport test; a session bus and a Secret Service for the keychain test; pkill (procps)
    postgresql postgresql-common openssh-client openssh-server dbus gnome-keyring procps
    # the package: cpack's DEB generator needs file (for dpkg-shlibdeps), the check validates the desktop
    # file and the AppStream metainfo; the screenshots and the idle-footprint bench (xvfb-run needs
    # xauth, which xvfb only recommends; bc does the bench's arithmetic)
    file desktop-file-utils appstream xvfb xauth bc
    # deployment checks: systemd-analyze verify/security on the units (systemd), the workflow templates
    # parsed by Debian's python3 (python3-yaml); the .deb's postinst makes its user with systemd-sysusers
    systemd python3-yaml
    # signed commits (tst_signedcommits): gpg and gpg-agent sign and verify OpenPGP signatures
    # (openssh-client, above, brings ssh-keygen, ssh-agent and ssh-add for the SSH ones)
    gnupg
    # bench_sync's fresh-process part reads the peak memory of `ferry sync` and of git with GNU time
    time
)

# Every program the build, the tests (QProcess) and the scripts start, beyond what Debian's Essential
# packages give (coreutils, util-linux's setpriv, findutils, sed, grep, mawk, dpkg, bash). Tests that
# start a program from their source (QProcess start/execute with a literal name) must list it here:
# tools/check-fresh-machine.sh checks that, and that each of these exists on a fresh Debian 12 once
# FERRY_PACKAGES are installed. git-daemon is `git daemon` (in git's exec path).
FERRY_PROGRAMS=(
    # the build and .ci/test (lupdate and lrelease: CMake's configure finds them)
    cmake ctest cpack ninja ccache pkg-config c++ clang++ clang-format clang-tidy git
    # the tests
    pg_virtualenv pg_ctlcluster pg_createcluster psql ssh-keygen /usr/sbin/sshd git-daemon dbus-daemon
    gnome-keyring-daemon pkill setpriv sh chmod chown
    # the package (cpack -G DEB, installer/check-deb.sh)
    file dpkg-shlibdeps strip dpkg-deb apt-get desktop-file-validate appstreamcli
    # tools/screenshots.sh, tests/bench/idle_footprint.sh
    xvfb-run Xvfb xauth pgrep bc awk
    # tests/deploy/, installer/check-deb.sh's service checks
    systemd-analyze systemd-sysusers /usr/bin/python3
    # installer/check-systemd-service.sh: systemd booted in namespaces
    /lib/systemd/systemd unshare nsenter
    # tst_signedcommits: the signers Ferry starts, the agents, and gpgconf to stop the test's gpg-agent
    gpg gpgconf ssh-agent ssh-add
    # tst_largefiles compares with sha256sum; bench_sync writes the page cache out (sync) between turns
    # and times processes with GNU time
    sha256sum sync /usr/bin/time
    # tests/deploy/check-cli-executable.sh, installer/check-deb.sh: the libraries `ferry` loads
    ldd
)

ferry_install_deps() {
    local missing=()
    for p in "${FERRY_PACKAGES[@]}"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
    done
    if [ ${#missing[@]} -eq 0 ]; then
        echo "ci: all ${#FERRY_PACKAGES[@]} Debian packages already installed"
        return
    fi
    echo "ci: installing ${missing[*]}"
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# Prints the programs of FERRY_PROGRAMS that are not there; fails if any is missing.
ferry_check_programs() {
    local p missing=0
    for p in "${FERRY_PROGRAMS[@]}"; do
        case $p in
        /*) [ -x "$p" ] && continue ;;
        git-*) command -v git >/dev/null && [ -x "$(git --exec-path)/$p" ] && continue ;;
        *) command -v "$p" >/dev/null && continue ;;
        esac
        echo "ci: missing program $p" >&2
        missing=1
    done
    return $missing
}

# ccache shares objects between build folders (and with earlier runs) when paths are made relative.
ferry_ccache_env() {
    export CCACHE_BASEDIR="$FERRY_ROOT" CCACHE_NOHASHDIR=true CCACHE_COMPRESS=true
    ccache --max-size=5G >/dev/null 2>&1 || true
}

# ferry_configure DIR [cmake options...]
ferry_configure() {
    local dir=$1
    shift
    ferry_ccache_env
    cmake -S "$FERRY_ROOT" -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
        -DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DFERRY_WERROR=ON "$@" >/dev/null
}

# The builds .ci/test makes: ferry_configure_build main|asan|noui|fuzz (folders $FERRY_BUILD[-NAME]).
FERRY_BUILDS=(main asan noui fuzz)
ferry_configure_build() {
    case $1 in
    main) ferry_configure "$FERRY_BUILD" ;;
    asan) ferry_configure "$FERRY_BUILD-asan" -DFERRY_SANITIZE="address;undefined" -DFERRY_BUILD_UI=OFF ;;
    noui) ferry_configure "$FERRY_BUILD-noui" -DFERRY_BUILD_UI=OFF -DFERRY_BUILD_TESTS=OFF ;;
    fuzz) # the merges' libFuzzer targets, with clang
        ferry_ccache_env
        CXX=clang++ cmake -S "$FERRY_ROOT/tests/fuzz" -B "$FERRY_BUILD-fuzz" -G Ninja \
            -DCMAKE_CXX_COMPILER_LAUNCHER=ccache >/dev/null
        ;;
    *) echo "ferry_configure_build: unknown build $1" >&2; return 2 ;;
    esac
}
