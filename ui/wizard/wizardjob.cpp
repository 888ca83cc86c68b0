#include "ui/wizard/wizardjob.h"

namespace ferry::ui {

WizardJob::WizardJob(QObject& owner, util::WorkerThread& worker) : m_owner(owner), m_worker(worker) {}

void WizardJob::cancel()
{
    ++m_generation;
    m_running = false;
}

} // namespace ferry::ui
