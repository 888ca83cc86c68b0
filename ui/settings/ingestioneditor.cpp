#include "ui/settings/ingestioneditor.h"

#include "ui/settings/fielderrors.h"
#include "ui/settings/scheduleeditor.h"
#include "ui/settings/tokenstore.h"

#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>

namespace ferry::ui {
namespace {

QSpinBox* spin(int min, int max, int value)
{
    auto* s = new QSpinBox;
    s->setRange(min, max);
    s->setValue(value);
    return s;
}

} // namespace

IngestionEditor::IngestionEditor(const config::Config& config, FieldErrors& errors, QWidget* parent)
    : QWidget(parent)
{
    const config::GithubSource github = config.github.value_or(config::GithubSource());
    const config::MarketSource market = config.market.value_or(config::MarketSource());

    m_github = new QGroupBox(tr("GitHub pull requests"));
    m_github->setObjectName(QStringLiteral("ingestion.github"));
    m_github->setCheckable(true);
    m_github->setChecked(config.github.has_value());
    m_githubUrl = new QLineEdit(github.apiUrl);
    m_githubUrl->setObjectName(QStringLiteral("ingestion.github.api_url"));
    m_githubToken = new QLineEdit(github.tokenEnv);
    m_githubSecret = TokenStore::newField(QStringLiteral("ingestion.github.token"));
    m_repositories = new QPlainTextEdit(github.repositories.join(u'\n'));
    m_repositories->setObjectName(QStringLiteral("ingestion.github.repositories"));
    m_repositories->setPlaceholderText(tr("owner/name, one per line"));
    m_repositories->setMaximumHeight(100);
    m_githubSchedule = new ScheduleEditor(github.schedule);
    auto* githubForm = new QFormLayout(m_github);
    const QString gh = QStringLiteral("ingestion.github.");
    errors.addRow(githubForm, tr("API address"), m_githubUrl, gh + QStringLiteral("api_url"));
    errors.addRow(githubForm, tr("Token variable"), m_githubToken, gh + QStringLiteral("token_env"));
    errors.addRow(githubForm, tr("Token"), m_githubSecret, gh + QStringLiteral("token"));
    errors.addRow(githubForm, tr("Repositories"), m_repositories, gh + QStringLiteral("repositories"));
    errors.addRow(githubForm, tr("Schedule"), m_githubSchedule, gh + QStringLiteral("schedule"));

    m_market = new QGroupBox(tr("Market data (daily pipeline)"));
    m_market->setObjectName(QStringLiteral("ingestion.market"));
    m_market->setCheckable(true);
    m_market->setChecked(config.market.has_value());
    m_marketUrl = new QLineEdit(market.apiUrl);
    m_marketKey = new QLineEdit(market.apiKeyEnv);
    m_marketSecret = TokenStore::newField(QStringLiteral("ingestion.market.api_key"));
    m_tickers = new QLineEdit(market.tickersFile);
    m_tickers->setObjectName(QStringLiteral("ingestion.market.tickers_file"));
    auto* browse = new QPushButton(tr("Browse…"));
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString file = QFileDialog::getOpenFileName(this, tr("Ticker list"), m_tickers->text(),
                                                          tr("Ticker lists (*.txt *.csv);;All files (*)"));
        if (!file.isEmpty())
            m_tickers->setText(file);
    });
    auto* tickersRow = new QWidget;
    auto* tickersLayout = new QHBoxLayout(tickersRow);
    tickersLayout->setContentsMargins(0, 0, 0, 0);
    tickersLayout->addWidget(m_tickers, 1);
    tickersLayout->addWidget(browse);
    m_days = spin(1, 3650, market.days);
    m_concurrency = spin(1, 500, market.concurrency);
    m_dcfConcurrency = spin(1, 500, market.dcfConcurrency);
    m_marketSchedule = new ScheduleEditor(market.schedule);
    auto* marketForm = new QFormLayout(m_market);
    const QString mk = QStringLiteral("ingestion.market.");
    errors.addRow(marketForm, tr("API address"), m_marketUrl, mk + QStringLiteral("api_url"));
    errors.addRow(marketForm, tr("Key variable"), m_marketKey, mk + QStringLiteral("api_key_env"));
    errors.addRow(marketForm, tr("API key"), m_marketSecret, mk + QStringLiteral("api_key"));
    errors.addRow(marketForm, tr("Ticker file"), tickersRow, mk + QStringLiteral("tickers_file"));
    errors.addRow(marketForm, tr("Days of prices"), m_days, mk + QStringLiteral("days"));
    errors.addRow(marketForm, tr("Requests in flight (prices)"), m_concurrency,
                  mk + QStringLiteral("concurrency"));
    errors.addRow(marketForm, tr("Requests in flight (valuations)"), m_dcfConcurrency,
                  mk + QStringLiteral("dcf_concurrency"));
    errors.addRow(marketForm, tr("Schedule"), m_marketSchedule, mk + QStringLiteral("schedule"));

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_github);
    layout->addWidget(m_market);
    layout->addStretch();
}

QList<QPair<QString, QString>> IngestionEditor::tokens() const
{
    QList<QPair<QString, QString>> out;
    if (m_github->isChecked() && !m_githubSecret->text().isEmpty())
        out.append({m_githubToken->text().trimmed(), m_githubSecret->text()});
    if (m_market->isChecked() && !m_marketSecret->text().isEmpty())
        out.append({m_marketKey->text().trimmed(), m_marketSecret->text()});
    return out;
}

void IngestionEditor::apply(config::Config& config) const
{
    if (m_github->isChecked()) {
        config::GithubSource g = config.github.value_or(config::GithubSource());
        g.apiUrl = m_githubUrl->text().trimmed();
        g.tokenEnv = m_githubToken->text().trimmed();
        g.repositories.clear();
        for (const QString& line : m_repositories->toPlainText().split(u'\n'))
            if (!line.trimmed().isEmpty())
                g.repositories.append(line.trimmed());
        g.schedule = m_githubSchedule->schedule();
        config.github = g;
    } else {
        config.github.reset();
    }
    if (m_market->isChecked()) {
        config::MarketSource m = config.market.value_or(config::MarketSource());
        m.apiUrl = m_marketUrl->text().trimmed();
        m.apiKeyEnv = m_marketKey->text().trimmed();
        m.tickersFile = m_tickers->text().trimmed();
        m.days = m_days->value();
        m.concurrency = m_concurrency->value();
        m.dcfConcurrency = m_dcfConcurrency->value();
        m.schedule = m_marketSchedule->schedule();
        config.market = m;
    } else {
        config.market.reset();
    }
}

} // namespace ferry::ui
