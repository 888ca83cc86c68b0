#include "app/progressprinter.h"

namespace ferry::app {

ProgressPrinter::ProgressPrinter(QTextStream& err, bool terminal) : m_err(err), m_terminal(terminal) {}

QString ProgressPrinter::line(const QString& task, int done, int total, double elapsedSeconds)
{
    QString text = QStringLiteral("%1: %2/%3").arg(task).arg(done).arg(total);
    if (total > 0)
        text += QStringLiteral(" (%1%)").arg(100 * qint64(done) / total);
    if (elapsedSeconds > 0 && done > 0) {
        const double rate = done / elapsedSeconds;
        text += QStringLiteral(", %1/s").arg(rate, 0, 'f', rate < 10 ? 1 : 0);
        if (total > done)
            text += QStringLiteral(", ETA %1 s").arg(qint64((total - done) / rate + 0.5));
    }
    return text;
}

void ProgressPrinter::report(const QString& task, int done, int total)
{
    if (task != m_task) {
        finish();
        m_task = task;
        m_started.start();
        m_lastPrintMs = -1;
    }
    const qint64 now = m_started.elapsed();
    const bool last = done >= total;
    if (!last && m_lastPrintMs >= 0 && now - m_lastPrintMs < 1000)
        return;
    if (!last && m_lastPrintMs < 0 && now < 1000) // a short task prints only its end
        return;
    m_lastPrintMs = now;
    const QString text = line(task, done, total, now / 1000.0);
    if (m_terminal) {
        m_err << '\r' << text << QStringLiteral("\x1b[K");
        m_open = true;
        if (last)
            finish();
    } else {
        m_err << text << '\n';
    }
    m_err.flush();
}

void ProgressPrinter::finish()
{
    if (m_open)
        m_err << '\n';
    m_open = false;
    m_err.flush();
}

} // namespace ferry::app
