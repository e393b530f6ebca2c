// SPDX-License-Identifier: MIT
#pragma once

#include "jobs/lorainfo.h"
#include "recipe/imagerecipe.h"

#include <QHash>
#include <QWidget>

class QComboBox;
class QLabel;
class QToolButton;
class QVBoxLayout;

namespace easel {

/**
 * The LoRA stack of the recipe: a list of the LoRA files found in the LoRA folders (each with the model family
 * it is for), Add puts the chosen one on the stack with a weight (slider and spin box, 0 to 2 in steps of 0.05),
 * each row removable. LoRAs made for another family than the selected model's are greyed in the list and on
 * the stack, with a tooltip saying why, and are left out of loras(). Folder scans and header reads run on the
 * thread pool; the newest scan wins.
 */
class LoraPicker : public QWidget {
    Q_OBJECT
public:
    explicit LoraPicker(QWidget* parent = nullptr);
    ~LoraPicker() override;

    /// The folders to look in; a different list starts a scan.
    void setFolders(const QStringList& folders);
    QStringList folders() const { return m_folders; }
    /// Looks for LoRA files again (also the Refresh button).
    void rescan();
    bool isScanning() const { return m_scanning; }

    /// The selected model's family ("sd1", "sd2", "sdxl"; empty: unknown, nothing is greyed).
    void setModelFamily(const QString& family);
    QString modelFamily() const { return m_family; }

    /// The stack as it goes to the recipe: the rows that fit the model, in order, with their weights.
    QList<LoraRef> loras() const;
    /// Replaces the stack (a recipe read back); files not in the list are described on the pool.
    void setLoras(const QList<LoraRef>& loras);
    /// The rows left out of loras(), one translated line each (for a warning when generating).
    QStringList leftOut() const;

    /// What the list offers (after a scan), by path.
    QStringList available() const;
    /// What is known of `path` (nothing read yet: only path and name).
    LoraDescription description(const QString& path) const;

Q_SIGNALS:
    void lorasChanged();
    /// A scan (or a batch of header reads) finished.
    void scanFinished();

private:
    struct Row;
    void addChosen();
    void addRow(const LoraRef& lora);
    void removeRow(QWidget* rowWidget);
    void refreshList();
    void refreshRows();
    /// Reads the headers of `paths` not yet known, on the pool; `files` (a scan's result) becomes the list.
    void describe(const QStringList& paths, bool isScan);
    /// Why `d` cannot be used with the selected model; empty when it can.
    QString unfitReason(const LoraDescription& d) const;
    QString familyLabel(const QString& family) const;

    QStringList m_folders;
    QString m_family;
    QStringList m_files; ///< the list's files, in order
    QHash<QString, LoraDescription> m_known;
    QList<Row*> m_rows;
    quint64 m_scan = 0; ///< the newest scan; older results are dropped
    bool m_scanning = false;

    QComboBox* m_list = nullptr;
    QToolButton* m_add = nullptr;
    QToolButton* m_refresh = nullptr;
    QLabel* m_empty = nullptr;
    QVBoxLayout* m_stack = nullptr;
};

} // namespace easel
