#include "ui/status/profilecard.h"

#include "ui/history/durationscale.h"

#include <QGridLayout>
#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QProgressBar>
#include <QPushButton>
#include <QRegularExpression>
#include <QVBoxLayout>

namespace ferry::ui {

ProfileCard::ProfileCard(const QString& name, QWidget* parent)
    : QFrame(parent), m_name(name), m_icon(new QLabel), m_title(new QLabel), m_state(new QLabel),
      m_last(new QLabel), m_progress(new QProgressBar), m_sync(new QPushButton(tr("Sync now"))),
      m_pause(new QPushButton(tr("Pause"))), m_openFolder(new QPushButton(tr("Open folder"))),
      m_openWeb(new QPushButton(tr("Open on the web"))), m_conflicts(new QPushButton), m_held(new QPushButton)
{
    setObjectName(QStringLiteral("card:") + name);
    setFrameShape(QFrame::StyledPanel);
    m_title->setText(QStringLiteral("<b>%1</b>").arg(name.toHtmlEscaped()));
    m_state->setObjectName(QStringLiteral("state"));
    m_last->setObjectName(QStringLiteral("lastSync"));
    m_last->setWordWrap(true);
    m_last->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_progress->setObjectName(QStringLiteral("progress"));
    m_progress->setFormat(tr("%v of %m files"));
    m_progress->hide();
    auto* check = new QPushButton(tr("Check"));
    check->setToolTip(tr("Test the remote and the credentials"));
    for (auto [button, id] : {std::pair{m_sync, "syncNow"},
                              {m_pause, "pause"},
                              {m_openFolder, "openFolder"},
                              {m_openWeb, "openWeb"},
                              {check, "check"},
                              {m_conflicts, "conflicts"},
                              {m_held, "held"}})
        button->setObjectName(QString::fromLatin1(id));
    // Links rather than buttons: they open the resolver, or the list of what is held.
    for (QPushButton* link : {m_conflicts, m_held}) {
        link->setFlat(true);
        link->setCursor(Qt::PointingHandCursor);
        link->setStyleSheet(
            QStringLiteral("QPushButton { border: none; padding: 0; text-align: left; }"
                           "QPushButton:enabled { color: palette(link); text-decoration: underline; }"));
    }
    connect(m_sync, &QPushButton::clicked, this, [this] { emit syncRequested(m_name); });
    connect(m_pause, &QPushButton::clicked, this, [this] { emit pauseRequested(m_name, !m_paused); });
    connect(check, &QPushButton::clicked, this, [this] { emit checkRequested(m_name); });
    connect(m_openWeb, &QPushButton::clicked, this, [this] { emit openRequested(m_web); });
    connect(m_openFolder, &QPushButton::clicked, this, [this] {
        if (m_folders.size() == 1)
            emit openRequested(QUrl::fromLocalFile(m_folders.first()));
    });
    connect(m_conflicts, &QPushButton::clicked, this, [this] { emit conflictsRequested(m_name); });
    connect(m_held, &QPushButton::clicked, this,
            [this] { emit heldDetailsRequested(m_name, m_heldDetails); });

    auto* header = new QHBoxLayout;
    header->addWidget(m_icon);
    header->addWidget(m_title);
    header->addWidget(m_state);
    header->addStretch();
    for (QPushButton* b : {m_sync, m_pause, m_openFolder, m_openWeb, check})
        header->addWidget(b);
    auto* grid = new QGridLayout;
    addFigure(grid, 0, 0, tr("Tracked"), QStringLiteral("files"));
    addFigure(grid, 1, 0, tr("Next full scan"), QStringLiteral("nextScan"));
    addFigure(grid, 2, 0, tr("Changes waiting"), QStringLiteral("pending"));
    grid->addWidget(new QLabel(tr("Conflicts")), 3, 0);
    grid->addWidget(m_conflicts, 3, 1, Qt::AlignLeft);
    grid->addWidget(new QLabel(tr("Held")), 4, 0);
    grid->addWidget(m_held, 4, 1, Qt::AlignLeft);
    addFigure(grid, 0, 2, tr("Cycles"), QStringLiteral("cycles"));
    addFigure(grid, 1, 2, tr("Success rate"), QStringLiteral("successRate"));
    addFigure(grid, 2, 2, tr("Average duration"), QStringLiteral("averageDuration"));
    addFigure(grid, 3, 2, tr("Conflicts resolved"), QStringLiteral("resolved"));
    grid->setColumnStretch(1, 1);
    grid->setColumnStretch(3, 1);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(header);
    layout->addWidget(m_last);
    layout->addWidget(m_progress);
    layout->addLayout(grid);
}

QLabel* ProfileCard::addFigure(QGridLayout* grid, int row, int column, const QString& title,
                               const QString& name)
{
    auto* value = new QLabel;
    value->setObjectName(name);
    grid->addWidget(new QLabel(title), row, column);
    grid->addWidget(value, row, column + 1);
    return value;
}

QString ProfileCard::figure(const QString& objectName) const
{
    if (const auto* label = findChild<QLabel*>(objectName))
        return label->text();
    if (const auto* button = findChild<QPushButton*>(objectName))
        return button->text();
    return {};
}

QString ProfileCard::stateIcon(const ProfilesModel::Row& row)
{
    if (row.syncing)
        return QStringLiteral(":/icons/state/syncing.svg");
    if (row.paused)
        return QStringLiteral(":/icons/state/paused.svg");
    if (row.health != sync::Health::Healthy)
        return QStringLiteral(":/icons/state/error.svg");
    if (row.snapshot.pendingConflicts > 0)
        return QStringLiteral(":/icons/state/conflicts.svg");
    return QStringLiteral(":/icons/state/idle.svg");
}

void ProfileCard::show(const ProfilesModel::Row& row)
{
    const QLocale locale;
    const sync::ProfileSnapshot& s = row.snapshot;
    m_paused = row.paused;
    m_folders = row.folders;
    m_web = webUrl(row.remote, row.branch);
    m_icon->setPixmap(QIcon(stateIcon(row)).pixmap(24, 24));
    m_state->setText(ProfilesModel::healthText(row));
    m_progress->setVisible(row.syncing && row.total > 0);
    m_progress->setRange(0, std::max(1, row.total));
    m_progress->setValue(std::min(row.done, row.total));
    m_pause->setText(row.paused ? tr("Resume") : tr("Pause"));
    m_openWeb->setVisible(!m_web.isEmpty());
    m_openFolder->setEnabled(!m_folders.isEmpty());
    if (m_folders.size() > 1 && !m_openFolder->menu()) {
        auto* menu = new QMenu(m_openFolder);
        for (const QString& folder : std::as_const(m_folders))
            menu->addAction(folder, this,
                            [this, folder] { emit openRequested(QUrl::fromLocalFile(folder)); });
        m_openFolder->setMenu(menu);
    }
    m_last->setText(
        row.lastSync.isValid()
            ? tr("Last sync %1: %2")
                  .arg(locale.toString(row.lastSync.toLocalTime(), QLocale::ShortFormat), row.summary)
        : row.summary.isEmpty() ? tr("Not synced yet.")
                                : row.summary);
    const auto set = [this](const char* name, const QString& text) {
        findChild<QLabel*>(QString::fromLatin1(name))->setText(text);
    };
    const bool known = s.valid;
    set("files", known ? tr("%n files, %1", nullptr, s.files)
                             .arg(locale.formattedDataSize(s.bytes, 1, QLocale::DataSizeTraditionalFormat))
                       : tr("—"));
    const QDateTime next = row.nextFullScan.toLocalTime();
    set("nextScan", !next.isValid()                       ? tr("—")
                    : next.date() == QDate::currentDate() ? locale.toString(next.time(), QLocale::ShortFormat)
                                                          : locale.toString(next, QLocale::ShortFormat));
    set("pending", QString::number(row.pending));
    set("cycles", known ? QString::number(s.metrics.totalSyncs) : tr("—"));
    set("successRate",
        known && s.metrics.totalSyncs > 0
            ? tr("%1 % (%2 failed)")
                  .arg(locale.toString(s.successRate() * 100, 'f', s.successRate() < 1 ? 1 : 0))
                  .arg(s.metrics.failedSyncs)
            : tr("—"));
    set("averageDuration",
        known && s.metrics.totalSyncs > 0 ? DurationScale::format(s.averageSeconds()) : tr("—"));
    set("resolved", tr("%1 automatically, %2 by hand")
                        .arg(s.metrics.conflictsAutoResolved)
                        .arg(s.metrics.conflictsResolved));
    m_conflicts->setText(tr("%n pending conflicts", nullptr, s.pendingConflicts));
    m_conflicts->setEnabled(s.pendingConflicts > 0);
    const int unreadable = s.heldFiles - s.largeFiles;
    QStringList held;
    if (s.heldDeletions > 0)
        held << tr("%n held deletions", nullptr, s.heldDeletions);
    if (s.largeFiles > 0)
        held << tr("%n files too large", nullptr, s.largeFiles);
    if (unreadable > 0)
        held << tr("%n unreadable paths", nullptr, unreadable);
    m_held->setText(held.isEmpty() ? tr("nothing held") : held.join(QStringLiteral(", ")));
    m_held->setEnabled(s.heldDeletions + s.heldFiles > 0);
    QStringList details;
    if (s.heldDeletions > 0) {
        details << tr("Deletions held (%1): they wait until you allow them (ferry sync --allow-mass-delete).")
                       .arg(s.heldDeletions);
        details << s.heldDeletionPaths;
    }
    if (s.heldFiles > 0) {
        details << tr("Files not synced (%1):").arg(s.heldFiles);
        details << s.heldFileNotes;
    }
    if (s.heldDeletions > s.heldDeletionPaths.size() || s.heldFiles > s.heldFileNotes.size())
        details << tr("(the first %1 of each are listed; ferry status lists all)")
                       .arg(sync::ProfileSnapshot::kListLimit);
    m_heldDetails = details.join(u'\n');
}

QUrl ProfileCard::webUrl(const QString& remote, const QString& branch)
{
    static const QRegularExpression github(
        QStringLiteral(R"re(^(?:https://(?:[^@/]+@)?github\.com/|ssh://git@github\.com/|git@github\.com:))re"
                       R"re(([A-Za-z0-9_.-]+)/([A-Za-z0-9_.-]+?)(?:\.git)?/?$)re"));
    const QRegularExpressionMatch m = github.match(remote.trimmed());
    if (!m.hasMatch())
        return {};
    QUrl url(QStringLiteral("https://github.com/%1/%2").arg(m.captured(1), m.captured(2)));
    if (!branch.isEmpty())
        url.setPath(url.path() + QStringLiteral("/tree/") + branch);
    return url;
}

} // namespace ferry::ui
