#pragma once

#include <QList>
#include <QString>

namespace ferry::ui {

// A duration axis that reads: one unit for the whole axis (ms, s, min or h, after the longest run),
// a round step (1, 2 or 5 times a power of ten, in that unit) giving about five ticks, and labels with
// only the decimals the step needs ("0", "10 ms", "20 ms"; "0", "0.5 s", "1.0 s"; "0", "2 min", …).
class DurationScale
{
public:
    // The scale for runs of up to `maxSeconds` (0 or less: an empty axis of one second).
    static DurationScale forMaximum(double maxSeconds);

    QString unit() const { return m_unit; }             // "ms", "s", "min", "h"
    double secondsPerUnit() const { return m_perUnit; } // 0.001, 1, 60, 3600
    double step() const { return m_step; }              // in the unit
    double top() const { return m_top; }                // in the unit: a whole number of steps
    QList<double> ticks() const;                        // 0, step, …, top (in the unit)
    QStringList labels() const;                         // one per tick, "0" first
    double toUnit(double seconds) const { return seconds / m_perUnit; }
    // "50 ms", "3.2 s", "6.7 min": a single duration in the unit that suits it (hover texts).
    static QString format(double seconds);

private:
    QString m_unit;
    double m_perUnit = 1;
    double m_step = 1;
    double m_top = 1;
    int m_decimals = 0;
};

} // namespace ferry::ui
