#include "app/displaycheck.h"

#include <QStringList>

namespace ferry::app {
namespace {

// The variable a platform plugin ("xcb", "wayland-egl", "xcb:option") connects through; empty for
// plugins that need no display server (offscreen, minimal, vnc, eglfs, linuxfb, …).
QString displayVariableOf(const QString& candidate)
{
    const QString plugin = candidate.section(u':', 0, 0).trimmed();
    if (plugin == u"xcb")
        return QStringLiteral("DISPLAY");
    if (plugin.startsWith(u"wayland"))
        return QStringLiteral("WAYLAND_DISPLAY");
    return {};
}

} // namespace

QString DisplayCheck::missing(const QString& platform, const QProcessEnvironment& environment)
{
#if defined(Q_OS_UNIX) && !defined(Q_OS_DARWIN) && !defined(Q_OS_ANDROID)
    const QString chosen =
        platform.isEmpty() ? environment.value(QStringLiteral("QT_QPA_PLATFORM")).trimmed() : platform;
    // Qt's default is wayland in a Wayland session, else xcb; a list ("wayland;xcb") is tried in order.
    const QStringList candidates = chosen.isEmpty()
                                       ? QStringList{QStringLiteral("xcb"), QStringLiteral("wayland")}
                                       : chosen.split(u';', Qt::SkipEmptyParts);
    QStringList unset;
    for (const QString& candidate : candidates) {
        const QString variable = displayVariableOf(candidate);
        if (variable.isEmpty() || !environment.value(variable).isEmpty())
            return {};
        if (!unset.contains(variable))
            unset.append(variable);
    }
    if (unset.isEmpty()) // an empty list, as in QT_QPA_PLATFORM=";": Qt would not start either
        return QStringLiteral("no platform plugin is named in \"%1\"").arg(chosen);
    const QString which = unset.size() == 1
                              ? unset.first() + QStringLiteral(" is not set")
                              : QStringLiteral("neither %1 is set").arg(unset.join(QStringLiteral(" nor ")));
    return chosen.isEmpty() ? which : QStringLiteral("%1 (the %2 platform)").arg(which, chosen);
#else
    Q_UNUSED(platform)
    Q_UNUSED(environment)
    return {};
#endif
}

} // namespace ferry::app
