#include "core/util/logging.h"

Q_LOGGING_CATEGORY(lcConfig, "ferry.config", QtWarningMsg)
Q_LOGGING_CATEGORY(lcStore, "ferry.store", QtWarningMsg)
Q_LOGGING_CATEGORY(lcSync, "ferry.sync", QtWarningMsg)
Q_LOGGING_CATEGORY(lcApp, "ferry.app", QtWarningMsg)
Q_LOGGING_CATEGORY(lcSchedule, "ferry.schedule", QtWarningMsg)
Q_LOGGING_CATEGORY(lcIngest, "ferry.ingest", QtWarningMsg)
Q_LOGGING_CATEGORY(lcAlert, "ferry.alert", QtWarningMsg)
