#include "ui/history/durationscale.h"

#include <algorithm>
#include <cmath>
#include <QLocale>

namespace ferry::ui {
namespace {

struct Unit
{
    const char* name;
    double seconds;
};

// The unit of a duration: below a second in ms, below three minutes in s, below three hours in min.
Unit unitFor(double seconds)
{
    if (seconds < 1)
        return {"ms", 0.001};
    if (seconds < 180)
        return {"s", 1};
    if (seconds < 3 * 3600)
        return {"min", 60};
    return {"h", 3600};
}

} // namespace

DurationScale DurationScale::forMaximum(double maxSeconds)
{
    DurationScale scale;
    const double max = maxSeconds > 0 ? maxSeconds : 1;
    const Unit unit = unitFor(max);
    scale.m_unit = QString::fromLatin1(unit.name);
    scale.m_perUnit = unit.seconds;
    const double inUnit = max / unit.seconds;
    // About five ticks: the smallest of 1, 2, 5 × 10^k that is at least a fifth of the maximum.
    const double raw = inUnit / 5;
    const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    double step = magnitude * 10;
    for (const double m : {1.0, 2.0, 5.0, 10.0}) {
        if (magnitude * m >= raw * (1 - 1e-9)) {
            step = magnitude * m;
            break;
        }
    }
    scale.m_step = step;
    // A little room above the longest run, so that its point does not sit on the frame.
    scale.m_top = std::max(step, std::ceil(inUnit * 1.05 / step - 1e-9) * step);
    scale.m_decimals = std::max(0, int(-std::floor(std::log10(step) + 1e-9)));
    return scale;
}

QList<double> DurationScale::ticks() const
{
    QList<double> out;
    const int count = int(std::lround(m_top / m_step));
    for (int i = 0; i <= count; ++i)
        out.append(i * m_step);
    return out;
}

QStringList DurationScale::labels() const
{
    QStringList out;
    const QLocale locale;
    for (const double tick : ticks())
        out.append(tick == 0 ? QStringLiteral("0") : locale.toString(tick, 'f', m_decimals) + u' ' + m_unit);
    return out;
}

QString DurationScale::format(double seconds)
{
    const Unit unit = unitFor(seconds);
    const double value = seconds / unit.seconds;
    return QLocale().toString(value, 'f', value < 10 && unit.seconds >= 1 ? 1 : 0) + u' ' +
           QString::fromLatin1(unit.name);
}

} // namespace ferry::ui
