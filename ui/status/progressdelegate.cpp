#include "status/progressdelegate.h"

#include "status/profilesmodel.h"

#include <QApplication>
#include <QStyleOptionProgressBar>

namespace ferry::ui {

void ProgressDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option,
                             const QModelIndex& index) const
{
    const int total = index.data(ProfilesModel::ProgressTotalRole).toInt();
    if (total <= 0) {
        QStyledItemDelegate::paint(painter, option, index);
        return;
    }
    QStyleOptionProgressBar bar;
    bar.rect = option.rect.adjusted(2, 2, -2, -2);
    bar.minimum = 0;
    bar.maximum = total;
    bar.progress = index.data(ProfilesModel::ProgressDoneRole).toInt();
    bar.text = index.data().toString();
    bar.textVisible = true;
    bar.state = option.state | QStyle::State_Horizontal;
    QApplication::style()->drawControl(QStyle::CE_ProgressBar, &bar, painter);
}

} // namespace ferry::ui
