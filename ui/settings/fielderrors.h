#pragma once

#include "core/config/config.h"

#include <QHash>
#include <QList>
#include <QString>

class QFormLayout;
class QLabel;
class QWidget;

namespace ferry::ui {

// The error labels of a settings form, by config field ("profiles[0].folders[1].repo_path"): the
// validator's message appears under the field it names. A label stands for its field and everything
// below it ("profiles[0].folders" catches "profiles[0].folders[1].local").
class FieldErrors
{
public:
    // A hidden red label for `field`, to put under its input.
    QLabel* label(const QString& field);
    // A form row: `input` with the label of `field` under it.
    void addRow(QFormLayout* form, const QString& text, QWidget* input, const QString& field);
    void clear();
    // Shows each error under its field; returns the ones no label stands for.
    QList<config::ConfigIssue> show(const QList<config::ConfigIssue>& issues);
    QString textOf(const QString& field) const;

private:
    QHash<QString, QLabel*> m_labels;
};

} // namespace ferry::ui
