#include "ui/settings/fielderrors.h"

#include <QFormLayout>
#include <QLabel>
#include <QVBoxLayout>

namespace ferry::ui {

QLabel* FieldErrors::label(const QString& field)
{
    auto* l = new QLabel;
    l->setObjectName(QStringLiteral("error:") + field);
    l->setStyleSheet(QStringLiteral("color: #b02a37;"));
    l->setWordWrap(true);
    l->hide();
    m_labels.insert(field, l);
    return l;
}

void FieldErrors::addRow(QFormLayout* form, const QString& text, QWidget* input, const QString& field)
{
    auto* box = new QWidget;
    auto* column = new QVBoxLayout(box);
    column->setContentsMargins(0, 0, 0, 0);
    column->addWidget(input);
    column->addWidget(label(field));
    form->addRow(text, box);
}

void FieldErrors::clear()
{
    for (QLabel* l : std::as_const(m_labels)) {
        l->clear();
        l->hide();
    }
}

QList<config::ConfigIssue> FieldErrors::show(const QList<config::ConfigIssue>& issues)
{
    clear();
    QList<config::ConfigIssue> unplaced;
    for (const config::ConfigIssue& issue : issues) {
        if (issue.severity != config::ConfigIssue::Severity::Error)
            continue;
        // The most specific label: the field itself, else its nearest parent with a label.
        QString field = issue.field;
        QLabel* target = nullptr;
        while (!field.isEmpty() && !(target = m_labels.value(field))) {
            const qsizetype cut = std::max(field.lastIndexOf(u'.'), field.lastIndexOf(u'['));
            field = cut > 0 ? field.left(cut) : QString();
        }
        if (!target) {
            unplaced.append(issue);
            continue;
        }
        target->setText(target->text().isEmpty() ? issue.message : target->text() + u'\n' + issue.message);
        target->show();
    }
    return unplaced;
}

QString FieldErrors::textOf(const QString& field) const
{
    const QLabel* l = m_labels.value(field);
    return l ? l->text() : QString();
}

} // namespace ferry::ui
