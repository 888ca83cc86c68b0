#pragma once

#include <QList>
#include <QPlainTextEdit>

namespace ferry::ui {

// One side of the resolver's side-by-side view: read-only text with line numbers in a gutter, the
// lines of each hunk tinted and, within a changed line, the part that differs from the other side
// tinted more strongly.
class DiffPane : public QPlainTextEdit
{
    Q_OBJECT

public:
    struct Mark
    {
        int line = 0;                       // 0-based block number
        int changedFrom = 0, changedTo = 0; // columns of the intra-line change; equal: none
    };

    explicit DiffPane(QWidget* parent = nullptr);

    void setContent(const QString& text, const QList<Mark>& marks, const QColor& tint);
    int gutterWidth() const;

protected:
    void resizeEvent(QResizeEvent* event) override;

private:
    friend class DiffPaneGutter;
    void paintGutter(QPaintEvent* event);

    QWidget* m_gutter;
};

} // namespace ferry::ui
