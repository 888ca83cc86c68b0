#pragma once

#include <QUrl>
#include <QWidget>

class QComboBox;
class QTableView;

namespace ferry::store {
class StoreThread;
}

namespace ferry::ui {

class RecentChangesModel;

// The Recent changes tab: the files recent cycles moved, filterable by profile, with Open.
class RecentChangesView : public QWidget
{
    Q_OBJECT

public:
    explicit RecentChangesView(store::StoreThread& store, QWidget* parent = nullptr);

    RecentChangesModel* model() const { return m_model; }
    void setProfiles(const QStringList& names); // the filter's choices
    void refresh();

signals:
    void openRequested(const QUrl& url);

private:
    RecentChangesModel* m_model;
    QComboBox* m_profile;
    QTableView* m_table;
};

} // namespace ferry::ui
