#include "ui/history/historyview.h"

#include "ui/history/historymodel.h"
#include "ui/history/runchart.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>

namespace ferry::ui {

HistoryView::HistoryView(store::StoreThread& store, QWidget* parent)
    : QWidget(parent), m_model(new HistoryModel(store, this)), m_task(new QComboBox), m_status(new QComboBox),
      m_range(new QComboBox), m_table(new QTableView), m_metadata(new QPlainTextEdit), m_chart(new RunChart)
{
    m_task->setObjectName(QStringLiteral("taskFilter"));
    m_task->setEditable(true);
    m_task->addItem(tr("All tasks"), QString());
    for (const char* task : {"github", "tickers", "market", "dcf"})
        m_task->addItem(QString::fromLatin1(task), QString::fromLatin1(task));
    m_status->setObjectName(QStringLiteral("statusFilter"));
    m_status->addItem(tr("Any status"), QString());
    m_status->addItem(tr("Failed"), store::RunStatus::Failed);
    m_status->addItem(tr("Partial"), store::RunStatus::Partial);
    m_status->addItem(tr("Success"), store::RunStatus::Success);
    m_status->addItem(tr("Running"), store::RunStatus::Running);
    m_range->setObjectName(QStringLiteral("rangeFilter"));
    m_range->addItem(tr("Last 24 hours"), 1);
    m_range->addItem(tr("Last 7 days"), 7);
    m_range->addItem(tr("Last 30 days"), 30);
    m_range->addItem(tr("All time"), 0);
    m_range->setCurrentIndex(3);
    auto* refreshButton = new QPushButton(tr("Refresh"));

    m_table->setObjectName(QStringLiteral("runs"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->verticalHeader()->hide();
    m_metadata->setObjectName(QStringLiteral("metadata"));
    m_metadata->setReadOnly(true);
    m_metadata->setPlaceholderText(tr("Select a run to see its details."));
    m_chart->setObjectName(QStringLiteral("chart"));

    connect(m_task, &QComboBox::currentTextChanged, this, &HistoryView::applyFilter);
    connect(m_status, &QComboBox::currentIndexChanged, this, &HistoryView::applyFilter);
    connect(m_range, &QComboBox::currentIndexChanged, this, &HistoryView::applyFilter);
    connect(refreshButton, &QPushButton::clicked, this, &HistoryView::refresh);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &HistoryView::showSelected);
    connect(m_model, &HistoryModel::loaded, this, [this] {
        m_chart->setRuns(m_model->runs());
        m_metadata->clear();
        rememberTasks();
    });
    connect(m_model, &HistoryModel::loadFailed, this, [this](const QString& why) {
        m_metadata->setPlainText(tr("Could not read the history: %1").arg(why));
    });

    auto* filters = new QHBoxLayout;
    filters->addWidget(new QLabel(tr("Task")));
    filters->addWidget(m_task, 1);
    filters->addWidget(new QLabel(tr("Status")));
    filters->addWidget(m_status);
    filters->addWidget(m_range);
    filters->addWidget(refreshButton);
    auto* top = new QSplitter(Qt::Horizontal);
    top->addWidget(m_table);
    top->addWidget(m_metadata);
    top->setStretchFactor(0, 3);
    auto* parts = new QSplitter(Qt::Vertical);
    parts->addWidget(top);
    parts->addWidget(m_chart);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(filters);
    layout->addWidget(parts, 1);
    applyFilter();
}

void HistoryView::refresh()
{
    m_model->refresh();
}

void HistoryView::applyFilter()
{
    store::RunFilter filter;
    const QString typed = m_task->currentText().trimmed();
    filter.task = m_task->currentIndex() >= 0 && m_task->itemText(m_task->currentIndex()) == typed
                      ? m_task->currentData().toString()
                      : typed;
    filter.status = m_status->currentData().toString();
    if (const int days = m_range->currentData().toInt(); days > 0)
        filter.since = QDateTime::currentDateTimeUtc().addDays(-days);
    filter.limit = 1000;
    m_model->setFilter(filter);
}

void HistoryView::showSelected()
{
    const QModelIndex current = m_table->currentIndex();
    if (!current.isValid())
        return;
    const store::RunRecord& r = m_model->run(current.row());
    QString text = QStringLiteral("%1 — %2\n").arg(r.taskName, r.status);
    if (!r.errorMessage.isEmpty())
        text += r.errorMessage + u'\n';
    text += u'\n' + m_model->data(current, HistoryModel::MetadataRole).toString();
    m_metadata->setPlainText(text);
}

// Tasks seen in the history become choices of the task filter (sync:<profile> among them).
void HistoryView::rememberTasks()
{
    for (const store::RunRecord& r : m_model->runs())
        if (m_task->findData(r.taskName) < 0)
            m_task->addItem(r.taskName, r.taskName);
}

} // namespace ferry::ui
