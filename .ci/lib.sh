# Shared by .ci/demo, .ci/test and .ci/run. Source it from the repository root.
set -euo pipefail

FERRY_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
FERRY_BUILD=${FERRY_BUILD:-$FERRY_ROOT/build}

# Debian 12 packages: the toolchain, the libraries of the README's dependency table, and the servers and
# tools the tests use (PostgreSQL with pg_virtualenv, git as a second peer, clang-format, clang with
# libFuzzer for the merge fuzz targets, an OpenSSH server that the SSH transport test starts itself,
# the desktop file and AppStream validators for the package check, a Secret Service for the keychain test).
FERRY_PACKAGES=(
    build-essential cmake ninja-build ccache pkg-config git openssh-client openssh-server clang-format clang libclang-rt-14-dev
    qt6-base-dev libqt6opengl6-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools qt6-charts-dev qtkeychain-qt6-dev
    libqt6sql6-sqlite libqt6svg6 qt6-qpa-plugins
    libgit2-dev libzstd-dev nlohmann-json3-dev libpqxx-dev
    postgresql postgresql-common xvfb
    desktop-file-utils appstream gnome-keyring dbus
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
