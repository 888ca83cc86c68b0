#include "ui/resolver/resolverwindow.h"

#include "core/merge/jsonunion.h"
#include "ui/resolver/diffpane.h"

#include <QButtonGroup>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSplitter>
#include <QStringDecoder>

namespace ferry::ui {
namespace {

using Take = sync::ConflictResolver::Take;

bool looksBinary(const QByteArray& bytes)
{
    if (bytes.left(8000).contains('\0'))
        return true;
    QStringDecoder utf8(QStringDecoder::Utf8);
    const QString decoded = utf8(bytes);
    Q_UNUSED(decoded);
    return utf8.hasError();
}

// The part of `a` that differs from `b`: after their common prefix, before their common suffix.
QPair<int, int> changedPart(const QString& a, const QString& b)
{
    int prefix = 0;
    while (prefix < a.size() && prefix < b.size() && a[prefix] == b[prefix])
        ++prefix;
    int suffix = 0;
    while (suffix < a.size() - prefix && suffix < b.size() - prefix &&
           a[a.size() - 1 - suffix] == b[b.size() - 1 - suffix])
        ++suffix;
    return {prefix, int(a.size()) - suffix};
}

QString lineText(const QByteArray& line)
{
    QString s = QString::fromUtf8(line);
    while (s.endsWith(u'\n') || s.endsWith(u'\r'))
        s.chop(1);
    return s;
}

QList<DiffPane::Mark> marksOf(const merge::LineDiff& diff, bool localSide)
{
    QList<DiffPane::Mark> marks;
    for (const merge::LineDiff::Segment& s : diff.segments()) {
        if (!s.differs)
            continue;
        const QList<QByteArray>& mine = localSide ? s.local : s.remote;
        const QList<QByteArray>& theirs = localSide ? s.remote : s.local;
        const int first = localSide ? s.localFirstLine : s.remoteFirstLine;
        for (int i = 0; i < mine.size(); ++i) {
            DiffPane::Mark m;
            m.line = first + i;
            if (i < theirs.size()) {
                const auto [from, to] = changedPart(lineText(mine[i]), lineText(theirs[i]));
                m.changedFrom = from;
                m.changedTo = to;
            }
            marks.append(m);
        }
    }
    return marks;
}

} // namespace

ResolverWindow::ResolverWindow(QList<config::Profile> profiles, QString dataDir, QWidget* parent)
    : QWidget(parent), m_profiles(std::move(profiles)), m_dataDir(std::move(dataDir)),
      m_worker(QStringLiteral("ferry-resolver"))
{
    setWindowTitle(tr("Resolve conflicts — Ferry"));
    buildLayout();
    refresh();
}

ResolverWindow::~ResolverWindow() = default;

void ResolverWindow::buildLayout()
{
    m_list = new QListWidget;
    m_list->setObjectName(QStringLiteral("conflicts"));
    m_header = new QLabel;
    m_header->setObjectName(QStringLiteral("header"));
    m_header->setWordWrap(true);
    m_localPane = new DiffPane;
    m_localPane->setObjectName(QStringLiteral("localPane"));
    m_remotePane = new DiffPane;
    m_remotePane->setObjectName(QStringLiteral("remotePane"));
    // Scrolling one side scrolls the other: the same line numbers stay side by side.
    connect(m_localPane->verticalScrollBar(), &QScrollBar::valueChanged, m_remotePane->verticalScrollBar(),
            &QScrollBar::setValue);
    connect(m_remotePane->verticalScrollBar(), &QScrollBar::valueChanged, m_localPane->verticalScrollBar(),
            &QScrollBar::setValue);
    m_hunks = new QWidget;
    m_hunkRows = new QVBoxLayout(m_hunks);
    auto* hunkScroll = new QScrollArea;
    hunkScroll->setWidget(m_hunks);
    hunkScroll->setWidgetResizable(true);
    hunkScroll->setMaximumHeight(140);
    m_merged = new QPlainTextEdit;
    m_merged->setObjectName(QStringLiteral("merged"));
    m_merged->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_keepLocal = new QPushButton(tr("Keep local"));
    m_keepLocal->setObjectName(QStringLiteral("keepLocal"));
    m_keepRemote = new QPushButton(tr("Keep remote"));
    m_keepRemote->setObjectName(QStringLiteral("keepRemote"));
    m_keepBoth = new QPushButton(tr("Keep both"));
    m_keepBoth->setObjectName(QStringLiteral("keepBoth"));
    m_saveMerged = new QPushButton(tr("Save merged"));
    m_saveMerged->setObjectName(QStringLiteral("saveMerged"));
    m_status = new QLabel;
    m_status->setObjectName(QStringLiteral("status"));
    connect(m_keepLocal, &QPushButton::clicked, this, [this] { resolve(Take::Local); });
    connect(m_keepRemote, &QPushButton::clicked, this, [this] { resolve(Take::Remote); });
    connect(m_keepBoth, &QPushButton::clicked, this, [this] { resolve(Take::Both); });
    connect(m_saveMerged, &QPushButton::clicked, this, [this] { resolve(Take::Merged); });
    connect(m_list, &QListWidget::currentRowChanged, this, &ResolverWindow::load);

    auto* sides = new QSplitter(Qt::Horizontal);
    auto* localBox = new QWidget;
    auto* localLayout = new QVBoxLayout(localBox);
    localLayout->addWidget(new QLabel(tr("Local (this machine)")));
    localLayout->addWidget(m_localPane);
    auto* remoteBox = new QWidget;
    auto* remoteLayout = new QVBoxLayout(remoteBox);
    remoteLayout->addWidget(new QLabel(tr("Remote (the branch)")));
    remoteLayout->addWidget(m_remotePane);
    sides->addWidget(localBox);
    sides->addWidget(remoteBox);

    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_status, 1);
    for (QPushButton* b : {m_keepLocal, m_keepRemote, m_keepBoth, m_saveMerged})
        buttons->addWidget(b);
    auto* detail = new QWidget;
    auto* detailLayout = new QVBoxLayout(detail);
    detailLayout->addWidget(m_header);
    detailLayout->addWidget(sides, 3);
    detailLayout->addWidget(hunkScroll);
    detailLayout->addWidget(new QLabel(tr("Merged result (editable)")));
    detailLayout->addWidget(m_merged, 2);
    detailLayout->addLayout(buttons);
    auto* main = new QSplitter(Qt::Horizontal);
    main->addWidget(m_list);
    main->addWidget(detail);
    main->setStretchFactor(1, 4);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(main);
    resize(1100, 750);
    setBusy(true);
}

void ResolverWindow::setBusy(bool busy)
{
    const bool text = !busy && m_current >= 0 && !m_versions.binary;
    for (QPushButton* b : {m_keepLocal, m_keepRemote, m_keepBoth})
        b->setEnabled(!busy && m_current >= 0);
    m_saveMerged->setEnabled(text);
    m_merged->setEnabled(text);
}

void ResolverWindow::refresh()
{
    const QPointer<QObject> self(this);
    const QList<config::Profile> profiles = m_profiles;
    const QString dataDir = m_dataDir;
    m_worker.post([this, self, profiles, dataDir] {
        QList<Item> items;
        QString error;
        for (int p = 0; p < profiles.size(); ++p) {
            const auto pending = sync::ConflictResolver(profiles[p], dataDir).pending();
            if (!pending) {
                error = pending.message();
                continue;
            }
            for (const sync::PendingConflict& c : *pending)
                items.append({p, c});
        }
        util::WorkerThread::deliver(self, [this, items, error] { showList(items, error); });
    });
}

void ResolverWindow::showList(const QList<Item>& items, const QString& error)
{
    m_items = items;
    m_current = -1;
    m_list->blockSignals(true);
    m_list->clear();
    for (const Item& item : items)
        m_list->addItem(QStringLiteral("%1\n%2 · %3")
                            .arg(item.conflict.path, m_profiles[item.profile].name,
                                 config::policyName(item.conflict.policy)));
    m_list->blockSignals(false);
    m_status->setText(error.isEmpty() ? tr("Conflicts pending: %1").arg(items.size()) : error);
    setBusy(false);
    emit listLoaded(int(items.size()));
    if (!items.isEmpty())
        m_list->setCurrentRow(0);
}

void ResolverWindow::load(int row)
{
    if (row < 0 || row >= m_items.size())
        return;
    m_current = row;
    setBusy(true);
    const Item item = m_items[row];
    const config::Profile profile = m_profiles[item.profile];
    const QPointer<QObject> self(this);
    const QString dataDir = m_dataDir;
    m_worker.post([this, self, item, profile, dataDir] {
        const sync::ConflictResolver resolver(profile, dataDir);
        const Result<QByteArray> local = resolver.version(item.conflict, QStringLiteral("local"));
        const Result<QByteArray> remote = resolver.version(item.conflict, QStringLiteral("remote"));
        if (!local || !remote) {
            const QString why = !local ? local.message() : remote.message();
            util::WorkerThread::deliver(self, [this, why] {
                m_status->setText(why);
                emit failed(why);
            });
            return;
        }
        Versions v;
        v.local = *local;
        v.remote = *remote;
        v.binary = looksBinary(v.local) || looksBinary(v.remote);
        v.crlf = v.local.contains("\r\n");
        if (!v.binary)
            v.diff = merge::LineDiff::compute(v.local, v.remote);
        if (item.conflict.kind == u"records") { // which records the union could not settle
            const Result<QByteArray> base = resolver.version(item.conflict, QStringLiteral("base"));
            if (base)
                v.records = merge::JsonUnion::merge(*base, v.local, v.remote).conflicts;
        }
        util::WorkerThread::deliver(self, [this, v] { showVersions(v); });
    });
}

void ResolverWindow::showVersions(const Versions& versions)
{
    m_versions = versions;
    const Item& item = m_items[m_current];
    QString header =
        tr("<b>%1</b> — policy %2, %3")
            .arg(item.conflict.path, config::policyName(item.conflict.policy), item.conflict.kind);
    if (!versions.records.isEmpty())
        header +=
            QStringLiteral("<br>") + tr("Records changed on both sides: %1")
                                         .arg(versions.records.join(QStringLiteral(", ")).toHtmlEscaped());
    m_header->setText(header);
    if (versions.binary) {
        m_localPane->setContent(tr("Binary file, size in bytes: %1").arg(versions.local.size()), {}, {});
        m_remotePane->setContent(tr("Binary file, size in bytes: %1").arg(versions.remote.size()), {}, {});
        m_merged->clear();
    } else {
        m_localPane->setContent(QString::fromUtf8(versions.local), marksOf(versions.diff, true),
                                QColor(0xd4, 0xed, 0xda));
        m_remotePane->setContent(QString::fromUtf8(versions.remote), marksOf(versions.diff, false),
                                 QColor(0xcf, 0xe2, 0xff));
    }
    m_takes = QList<merge::LineDiff::Take>(versions.binary ? 0 : versions.diff.hunkCount(),
                                           merge::LineDiff::Take::Local);
    rebuildHunks();
    updateMerged();
    setBusy(false);
    emit conflictShown();
}

void ResolverWindow::rebuildHunks()
{
    while (QLayoutItem* child = m_hunkRows->takeAt(0)) {
        delete child->widget();
        delete child;
    }
    int hunk = 0;
    for (const merge::LineDiff::Segment& s : m_versions.diff.segments()) {
        if (!s.differs || m_versions.binary)
            continue;
        auto* row = new QWidget;
        auto* layout = new QHBoxLayout(row);
        layout->setContentsMargins(0, 0, 0, 0);
        layout->addWidget(
            new QLabel(tr("Change %1: local lines %2, remote lines %3")
                           .arg(hunk + 1)
                           .arg(s.local.isEmpty() ? tr("none")
                                                  : QStringLiteral("%1–%2")
                                                        .arg(s.localFirstLine + 1)
                                                        .arg(s.localFirstLine + s.local.size()))
                           .arg(s.remote.isEmpty() ? tr("none")
                                                   : QStringLiteral("%1–%2")
                                                         .arg(s.remoteFirstLine + 1)
                                                         .arg(s.remoteFirstLine + s.remote.size()))),
            1);
        auto* group = new QButtonGroup(row);
        const QList<QPair<merge::LineDiff::Take, QString>> choices{
            {merge::LineDiff::Take::Local, tr("Take local")},
            {merge::LineDiff::Take::Remote, tr("Take remote")},
            {merge::LineDiff::Take::Both, tr("Take both")}};
        static const char* const names[] = {"Local", "Remote", "Both"};
        for (int c = 0; c < choices.size(); ++c) {
            auto* button = new QRadioButton(choices[c].second);
            button->setObjectName(QStringLiteral("hunk%1%2").arg(hunk).arg(QLatin1String(names[c])));
            button->setChecked(c == 0);
            group->addButton(button);
            layout->addWidget(button);
            connect(button, &QRadioButton::toggled, this, [this, hunk, take = choices[c].first](bool on) {
                if (!on)
                    return;
                m_takes[hunk] = take;
                updateMerged();
            });
        }
        m_hunkRows->addWidget(row);
        ++hunk;
    }
    m_hunkRows->addStretch();
}

void ResolverWindow::updateMerged()
{
    if (!m_versions.binary)
        m_merged->setPlainText(QString::fromUtf8(m_versions.diff.merged(m_takes)));
}

void ResolverWindow::resolve(sync::ConflictResolver::Take take)
{
    if (m_current < 0)
        return;
    QByteArray content;
    if (take == Take::Merged) {
        content = m_merged->toPlainText().toUtf8();
        if (m_versions.crlf) // the editor shows lines; the file had CRLF endings: it keeps them
            content.replace("\n", "\r\n");
    }
    const Item item = m_items[m_current];
    const config::Profile profile = m_profiles[item.profile];
    const QString dataDir = m_dataDir;
    const QPointer<QObject> self(this);
    setBusy(true);
    m_worker.post([this, self, item, profile, dataDir, take, content] {
        const Status done = sync::ConflictResolver(profile, dataDir).resolve(item.conflict.id, take, content);
        util::WorkerThread::deliver(self, [this, done, item, name = profile.name] {
            if (!done) {
                m_status->setText(done.message());
                setBusy(false);
                emit failed(done.message());
                return;
            }
            emit resolved(name, item.conflict.id);
            emit syncRequested(name);
            refresh();
        });
    });
}

} // namespace ferry::ui
