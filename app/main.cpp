#include "commandline.h"

#include <cstdio>
#include <QCoreApplication>
#include <QTextStream>

#ifdef FERRY_WITH_UI
#include "guiapplication.h"
#endif

namespace {

QStringList argumentsOf(int argc, char** argv)
{
    QStringList args;
    for (int i = 0; i < argc; ++i)
        args << QString::fromLocal8Bit(argv[i]);
    return args;
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication::setApplicationName(QStringLiteral("ferry"));
    QCoreApplication::setApplicationVersion(QStringLiteral(FERRY_VERSION));
    const QStringList args = argumentsOf(argc, argv);

    if (ferry::app::CommandLine::wantsGui(args)) {
#ifdef FERRY_WITH_UI
        return ferry::app::runGuiApplication(argc, argv);
#else
        std::fputs("ferry: this build has no tray application (FERRY_BUILD_UI=OFF); see ferry --help\n",
                   stderr);
        return 2;
#endif
    }

    // Commands run without a display: a plain core application, no GUI platform plugin.
    QCoreApplication app(argc, argv);
    QTextStream out(stdout);
    QTextStream err(stderr);
    return ferry::app::CommandLine().run(app.arguments(), out, err);
}
