#include "ui/settings/scheduleeditor.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLocale>
#include <QTimeEdit>

namespace ferry::ui {

ScheduleEditor::ScheduleEditor(const config::Schedule& schedule, QWidget* parent)
    : QWidget(parent), m_time(new QTimeEdit(schedule.time)), m_zone(new QComboBox)
{
    m_time->setDisplayFormat(QStringLiteral("HH:mm"));
    m_zone->setEditable(true);
    m_zone->addItems({QStringLiteral("UTC"), QStringLiteral("local")});
    m_zone->setCurrentText(schedule.timezone);
    m_zone->setToolTip(tr("UTC, local (this machine's time zone) or a name such as Europe/Berlin"));
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_time);
    layout->addWidget(m_zone);
    for (int day = 1; day <= 7; ++day) {
        auto* box = new QCheckBox(QLocale().dayName(day, QLocale::ShortFormat));
        box->setObjectName(config::Schedule::dayNames().value(day - 1));
        box->setChecked(schedule.days.contains(day));
        m_days.append(box);
        layout->addWidget(box);
    }
    layout->addStretch();
}

config::Schedule ScheduleEditor::schedule() const
{
    config::Schedule s;
    s.time = m_time->time();
    s.timezone = m_zone->currentText().trimmed();
    s.days.clear();
    for (int i = 0; i < m_days.size(); ++i)
        if (m_days[i]->isChecked())
            s.days.append(i + 1);
    return s;
}

} // namespace ferry::ui
