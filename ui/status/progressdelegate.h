#pragma once

#include <QStyledItemDelegate>

namespace ferry::ui {

// Draws a profile's progress cell as a progress bar (files done of total) while a cycle runs.
class ProgressDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    using QStyledItemDelegate::QStyledItemDelegate;
    void paint(QPainter* painter, const QStyleOptionViewItem& option,
               const QModelIndex& index) const override;
};

} // namespace ferry::ui
