#pragma once

#include "core/config/config.h"

#include <QWidget>

class QGroupBox;
class QLineEdit;
class QPlainTextEdit;
class QSpinBox;

namespace ferry::ui {

class FieldErrors;
class ScheduleEditor;

// The ingestion sources and their schedules: GitHub (API address, token variable, repositories) and
// market data (API address, key variable, ticker file, days, concurrency). A source whose box is
// unchecked is left out of the config.
class IngestionEditor : public QWidget
{
    Q_OBJECT

public:
    IngestionEditor(const config::Config& config, FieldErrors& errors, QWidget* parent = nullptr);

    // Writes the edited sources into `config`.
    void apply(config::Config& config) const;
    // Tokens typed here, by the variable they are filed under (empty ones left out).
    QList<QPair<QString, QString>> tokens() const;

private:
    QGroupBox* m_github;
    QLineEdit* m_githubUrl;
    QLineEdit* m_githubToken;
    QLineEdit* m_githubSecret;
    QPlainTextEdit* m_repositories;
    ScheduleEditor* m_githubSchedule;
    QGroupBox* m_market;
    QLineEdit* m_marketUrl;
    QLineEdit* m_marketKey;
    QLineEdit* m_marketSecret;
    QLineEdit* m_tickers;
    QSpinBox* m_days;
    QSpinBox* m_concurrency;
    QSpinBox* m_dcfConcurrency;
    ScheduleEditor* m_marketSchedule;
};

} // namespace ferry::ui
