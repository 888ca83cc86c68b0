#pragma once

#include <QObject>

class QSocketNotifier;

namespace ferry::app {

// SIGINT and SIGTERM as a Qt signal, so that a long-running command stops between two steps instead of
// in the middle of one (the handler only writes a byte to a pipe; the event loop does the rest).
class StopSignals : public QObject
{
    Q_OBJECT

public:
    explicit StopSignals(QObject* parent = nullptr);
    ~StopSignals() override;

signals:
    void received();

private:
    QSocketNotifier* m_notifier = nullptr;
};

} // namespace ferry::app
