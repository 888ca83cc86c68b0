#pragma once

#include "core/check/finding.h"
#include "core/config/config.h"
#include "core/git/remote.h"
#include "core/util/stoptoken.h"
#include "core/util/workerthread.h"

#include <QDialog>

class QLabel;
class QPushButton;

namespace ferry::ui {

// A profile card's Check: ferry doctor's checks of the running profile (its folders, remote, host key,
// credentials, branch, push, watches), run in a worker, a line each. Closing it stops a check that
// waits on the network.
class ProfileCheckDialog : public QDialog
{
    Q_OBJECT

public:
    ProfileCheckDialog(config::Profile profile, git::Credentials credentials, QWidget* parent = nullptr);
    ~ProfileCheckDialog() override;

    QString text() const;
    void run();

signals:
    void checked(const QList<check::Finding>& findings);

private:
    config::Profile m_profile;
    git::Credentials m_credentials;
    QLabel* m_result;
    QPushButton* m_again;
    util::StopToken m_stop;
    util::WorkerThread m_worker; // after m_stop: destroyed first, once the stop is requested
};

} // namespace ferry::ui
