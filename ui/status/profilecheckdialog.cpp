#include "ui/status/profilecheckdialog.h"

#include "core/check/doctor.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QPointer>
#include <QPushButton>
#include <QVBoxLayout>

namespace ferry::ui {

ProfileCheckDialog::ProfileCheckDialog(config::Profile profile, git::Credentials credentials, QWidget* parent)
    : QDialog(parent), m_profile(std::move(profile)), m_credentials(std::move(credentials)),
      m_result(new QLabel), m_again(new QPushButton(tr("Check again"))),
      m_worker(QStringLiteral("ferry-card-check"))
{
    setObjectName(QStringLiteral("profileCheck"));
    setWindowTitle(tr("Check %1 — Ferry").arg(m_profile.name));
    m_result->setObjectName(QStringLiteral("check_result"));
    m_result->setWordWrap(true);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    buttons->addButton(m_again, QDialogButtonBox::ActionRole);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_again, &QPushButton::clicked, this, &ProfileCheckDialog::run);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_result, 1);
    layout->addWidget(buttons);
    resize(560, 320);
}

ProfileCheckDialog::~ProfileCheckDialog()
{
    m_stop.requestStop();
}

QString ProfileCheckDialog::text() const
{
    return m_result->text();
}

void ProfileCheckDialog::run()
{
    m_again->setEnabled(false);
    m_result->setText(tr("Checking…"));
    const QPointer<QObject> self(this);
    m_worker.post([self, profile = m_profile, credentials = m_credentials, stop = m_stop] {
        const QList<check::Finding> findings = check::Doctor::profileChecks(profile, credentials, stop);
        util::WorkerThread::deliver(self, [self, findings] {
            auto* dialog = static_cast<ProfileCheckDialog*>(self.data());
            QStringList lines;
            for (const check::Finding& f : findings)
                lines.append(f.line());
            dialog->m_result->setText(lines.join(u'\n'));
            dialog->m_again->setEnabled(true);
            emit dialog->checked(findings);
        });
    });
}

} // namespace ferry::ui
