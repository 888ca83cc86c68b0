#include "ui/resolver/diffpane.h"

#include <QPainter>
#include <QTextBlock>

namespace ferry::ui {

class DiffPaneGutter : public QWidget
{
public:
    explicit DiffPaneGutter(DiffPane* pane) : QWidget(pane), m_pane(pane) {}
    QSize sizeHint() const override { return {m_pane->gutterWidth(), 0}; }

protected:
    void paintEvent(QPaintEvent* event) override { m_pane->paintGutter(event); }

private:
    DiffPane* m_pane;
};

DiffPane::DiffPane(QWidget* parent) : QPlainTextEdit(parent), m_gutter(new DiffPaneGutter(this))
{
    setReadOnly(true);
    setLineWrapMode(QPlainTextEdit::NoWrap);
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    connect(this, &QPlainTextEdit::blockCountChanged, this,
            [this] { setViewportMargins(gutterWidth(), 0, 0, 0); });
    connect(this, &QPlainTextEdit::updateRequest, this, [this](const QRect& rect, int dy) {
        if (dy)
            m_gutter->scroll(0, dy);
        else
            m_gutter->update(0, rect.y(), m_gutter->width(), rect.height());
    });
    setViewportMargins(gutterWidth(), 0, 0, 0);
}

int DiffPane::gutterWidth() const
{
    const int digits = QString::number(qMax(1, blockCount())).size();
    return 8 + fontMetrics().horizontalAdvance(u'9') * digits;
}

void DiffPane::resizeEvent(QResizeEvent* event)
{
    QPlainTextEdit::resizeEvent(event);
    const QRect r = contentsRect();
    m_gutter->setGeometry(QRect(r.left(), r.top(), gutterWidth(), r.height()));
}

void DiffPane::paintGutter(QPaintEvent* event)
{
    QPainter painter(m_gutter);
    painter.fillRect(event->rect(), palette().alternateBase());
    painter.setPen(palette().placeholderText().color());
    QTextBlock block = firstVisibleBlock();
    int top = qRound(blockBoundingGeometry(block).translated(contentOffset()).top());
    while (block.isValid() && top <= event->rect().bottom()) {
        const int height = qRound(blockBoundingRect(block).height());
        if (block.isVisible())
            painter.drawText(0, top, m_gutter->width() - 4, height, Qt::AlignRight,
                             QString::number(block.blockNumber() + 1));
        top += height;
        block = block.next();
    }
}

void DiffPane::setContent(const QString& text, const QList<Mark>& marks, const QColor& tint)
{
    setPlainText(text);
    QList<QTextEdit::ExtraSelection> selections;
    QColor strong = tint.darker(125);
    for (const Mark& m : marks) {
        const QTextBlock block = document()->findBlockByNumber(m.line);
        if (!block.isValid())
            continue;
        QTextEdit::ExtraSelection line;
        line.format.setBackground(tint);
        line.format.setProperty(QTextFormat::FullWidthSelection, true);
        line.cursor = QTextCursor(block);
        selections.append(line);
        if (m.changedTo > m.changedFrom) {
            QTextEdit::ExtraSelection part;
            part.format.setBackground(strong);
            part.cursor = QTextCursor(block);
            part.cursor.setPosition(block.position() + m.changedFrom);
            part.cursor.setPosition(block.position() + qMin(m.changedTo, block.length() - 1),
                                    QTextCursor::KeepAnchor);
            selections.append(part);
        }
    }
    setExtraSelections(selections);
}

} // namespace ferry::ui
