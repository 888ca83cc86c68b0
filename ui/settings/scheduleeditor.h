#pragma once

#include "core/config/config.h"

#include <QList>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QTimeEdit;

namespace ferry::ui {

// A pipeline's daily schedule: time of day, time zone (UTC, local or an IANA name), days of the week.
class ScheduleEditor : public QWidget
{
    Q_OBJECT

public:
    explicit ScheduleEditor(const config::Schedule& schedule, QWidget* parent = nullptr);
    config::Schedule schedule() const;

private:
    QTimeEdit* m_time;
    QComboBox* m_zone;
    QList<QCheckBox*> m_days; // Monday first
};

} // namespace ferry::ui
