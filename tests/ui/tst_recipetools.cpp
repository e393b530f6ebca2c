// SPDX-License-Identifier: MIT
// The recipe panel's Fast preset and LoRA stack, driven in the real window by objectName: Fast sets what
// `easel-cli --preset fast` sets and Undo takes it back; the LoRA list shows the LoRA folder's files with their
// family, greys those for another model, and the stack (weights, removal) goes into the image's recipe and
// comes back with it.
#include "mainwindow/mainwindow.h"

#include "gallery/imagemetadata.h"
#include "generate/lorapicker.h"
#include "generate/recipepanel.h"
#include "recipe/fastpreset.h"
#include "settings/settings.h"
#include "support/testdata.h"
#include "support/widgettest.h"

#include <QComboBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFile>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSlider>
#include <QSpinBox>
#include <QStandardItemModel>
#include <QTemporaryDir>
#include <QToolButton>
#include <QtTest>

using namespace easel;
using easel::test::child;
using easel::test::typeInto;

namespace {

constexpr int kJobTimeoutMs = 120000;

QString fixtureLora(const char* name)
{
    return easel::test::testDataPath(QStringLiteral("lora/%1.safetensors").arg(QLatin1String(name)));
}

/// The rows of the LoRA stack, in order.
QList<QWidget*> stackRows(QWidget& window)
{
    QList<QWidget*> rows;
    for (QWidget* w : window.findChildren<QWidget*>(QStringLiteral("loraRow")))
        if (w->isVisible())
            rows << w;
    std::sort(rows.begin(), rows.end(), [](QWidget* a, QWidget* b) { return a->y() < b->y(); });
    return rows;
}

} // namespace

class TestRecipeTools : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_models; ///< a models folder whose Lora folder holds copies of the fixture LoRAs

    std::unique_ptr<MainWindow> makeWindow()
    {
        auto window = std::make_unique<MainWindow>();
        window->settings().setModelsDir(m_models);
        window->settings().setOutputDir(m_dir.filePath(QStringLiteral("out")));
        window->settings().setDevice(Device::Cpu);
        window->settings().setPrecision(Precision::Fp32);
        window->show();
        if (!QTest::qWaitForWindowExposed(window.get()))
            return nullptr;
        return window;
    }

    /// Types a small seed-locked recipe into the window (a lighthouse, 4 steps, seed 5, 64x64) and makes images
    /// with whatever the panel holds then: make() is true when the job completed; saved lists the files written.
    struct SmallImages {
        MainWindow& window;
        QStringList saved;
        QHash<quint64, JobResult> finished;
        QObject context;

        explicit SmallImages(MainWindow& w)
            : window(w)
        {
            auto* prompt = child<QPlainTextEdit>(window, "promptEdit");
            prompt->setFocus();
            prompt->selectAll();
            QTest::keyClicks(prompt, QStringLiteral("a lighthouse"));
            typeInto(child<QSpinBox>(window, "stepsSpin")->findChild<QLineEdit*>(), QStringLiteral("4"));
            typeInto(child<QLineEdit>(window, "seedEdit"), QStringLiteral("5"));
            if (!child<QToolButton>(window, "seedLockButton")->isChecked())
                QTest::mouseClick(child<QToolButton>(window, "seedLockButton"), Qt::LeftButton);
            typeInto(child<QSpinBox>(window, "widthSpin")->findChild<QLineEdit*>(), QStringLiteral("64"));
            typeInto(child<QSpinBox>(window, "heightSpin")->findChild<QLineEdit*>(), QStringLiteral("64"));
            QObject::connect(&window.queue(), &JobQueue::jobFinished, &context,
                [this](quint64 id, const JobResult& r) { finished.insert(id, r); });
            QObject::connect(&window.queue(), &JobQueue::imageSaved, &context,
                [this](quint64, const SavedImage& image) { saved << image.path; });
        }
        bool make()
        {
            const quint64 id = window.generate();
            return id && QTest::qWaitFor([&] { return finished.contains(id); }, kJobTimeoutMs)
                && finished.value(id).state == JobState::Completed;
        }
    };

    /// Chooses the LoRA named `name` in the list and presses Add.
    static bool addLora(MainWindow& window, const QString& name)
    {
        auto* combo = child<QComboBox>(window, "loraCombo");
        for (int i = 0; i < combo->count(); ++i) {
            if (combo->itemText(i).startsWith(name)) {
                combo->setCurrentIndex(i);
                QTest::mouseClick(child<QToolButton>(window, "loraAddButton"), Qt::LeftButton);
                return true;
            }
        }
        return false;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_models = m_dir.filePath(QStringLiteral("models"));
        QVERIFY(QDir().mkpath(m_models + QStringLiteral("/Lora/xl")));
        for (const char* name : { "tiny-sd15-lora-a", "tiny-sd15-lcm-lora" })
            QVERIFY(QFile::copy(
                fixtureLora(name), m_models + QStringLiteral("/Lora/%1.safetensors").arg(QLatin1String(name))));
        QVERIFY(QFile::copy(
            fixtureLora("tiny-sdxl-lora-a"), m_models + QStringLiteral("/Lora/xl/tiny-sdxl-lora-a.safetensors")));
        QFile broken(m_models + QStringLiteral("/Lora/broken.safetensors"));
        QVERIFY(broken.open(QIODevice::WriteOnly));
        broken.write("not a safetensors file");
    }

    void fastSetsWhatTheCliSetsAndUndoTakesItBack()
    {
        auto window = makeWindow();
        QVERIFY(window);
        auto* sampler = child<QComboBox>(*window, "samplerCombo");
        sampler->setCurrentIndex(sampler->findData(int(Sampler::DpmPP2M)));
        typeInto(child<QSpinBox>(*window, "stepsSpin")->findChild<QLineEdit*>(), QStringLiteral("25"));
        typeInto(child<QDoubleSpinBox>(*window, "guidanceSpin")->findChild<QLineEdit*>(), QStringLiteral("6.5"));
        const ImageRecipe before = window->recipePanel()->recipe();
        ImageRecipe expected = before;
        QCOMPARE(applyFastPreset(expected), FastPresetKind::Turbo); // the CLI's definition

        QTest::mouseClick(child<QPushButton>(*window, "fastPresetButton"), Qt::LeftButton);
        const ImageRecipe fast = window->recipePanel()->recipe();
        QCOMPARE(fast, expected);
        QCOMPARE(fast.sampler, Sampler::EulerA);
        QCOMPARE(fast.spacing, TimestepSpacing::Trailing);
        QCOMPARE(fast.steps, 1);
        QCOMPARE(fast.guidance, 0.0);
        // The message bar says what changed, from what, and offers Undo.
        auto* text = child<QLabel>(*window, "messageText");
        QVERIFY(text->isVisible());
        QVERIFY2(text->text().contains(QStringLiteral("SDXL-Turbo")), qPrintable(text->text()));
        QVERIFY2(text->text().contains(QStringLiteral("25 → 1")), qPrintable(text->text()));
        QVERIFY2(text->text().contains(QStringLiteral("DPM++ 2M → Euler a")), qPrintable(text->text()));
        auto* undo = child<QToolButton>(*window, "messageAction");
        QVERIFY(undo->isVisible());
        QTest::mouseClick(undo, Qt::LeftButton);
        QCOMPARE(window->recipePanel()->recipe(), before);
        QVERIFY(!child<QWidget>(*window, "messageBar")->isVisible());
    }

    void theListShowsEachLorasFamilyAndGreysOtherModels()
    {
        auto window = makeWindow();
        QVERIFY(window);
        LoraPicker* picker = window->recipePanel()->loraPicker();
        // The demo model is SD 1.x: read off the GUI thread, as are the LoRA headers.
        QTRY_COMPARE(picker->modelFamily(), QStringLiteral("sd1"));
        QTRY_COMPARE(picker->available().size(), 4);
        QTRY_VERIFY(!picker->isScanning());
        auto* combo = child<QComboBox>(*window, "loraCombo");
        const auto* model = qobject_cast<QStandardItemModel*>(combo->model());
        QCOMPARE(combo->count(), 4);
        QHash<QString, QStandardItem*> items;
        for (int i = 0; i < combo->count(); ++i)
            items.insert(combo->itemText(i), model->item(i));
        QVERIFY2(items.contains(QStringLiteral("tiny-sd15-lora-a · SD 1.x")), qPrintable(items.keys().join(u'|')));
        QVERIFY(items.contains(QStringLiteral("tiny-sd15-lcm-lora · SD 1.x")));
        QVERIFY(items.contains(QStringLiteral("tiny-sdxl-lora-a · SDXL")));
        QVERIFY(items.contains(QStringLiteral("broken")));
        QVERIFY(items.value(QStringLiteral("tiny-sd15-lora-a · SD 1.x"))->isEnabled());
        QStandardItem* xl = items.value(QStringLiteral("tiny-sdxl-lora-a · SDXL"));
        QVERIFY(!xl->isEnabled());
        QVERIFY2(xl->toolTip().contains(QStringLiteral("SDXL")) && xl->toolTip().contains(QStringLiteral("SD 1.x")),
            qPrintable(xl->toolTip()));
        QStandardItem* broken = items.value(QStringLiteral("broken"));
        QVERIFY(!broken->isEnabled());
        QVERIFY(broken->toolTip().contains(QStringLiteral("broken.safetensors")));
        // A greyed entry cannot be added.
        combo->setCurrentIndex(xl->row());
        QVERIFY(!child<QToolButton>(*window, "loraAddButton")->isEnabled());
    }

    void theStackGoesIntoTheImageAndComesBack()
    {
        auto window = makeWindow();
        QVERIFY(window);
        LoraPicker* picker = window->recipePanel()->loraPicker();
        QTRY_COMPARE(picker->available().size(), 4);
        QTRY_COMPARE(picker->modelFamily(), QStringLiteral("sd1"));
        QVERIFY(addLora(*window, QStringLiteral("tiny-sd15-lora-a")));
        QVERIFY(addLora(*window, QStringLiteral("tiny-sd15-lcm-lora")));
        QVERIFY(addLora(*window, QStringLiteral("tiny-sd15-lora-a"))); // already there: not twice
        QTRY_COMPARE(stackRows(*window).size(), 2); // rows show once the event loop runs
        QList<QWidget*> rows = stackRows(*window);
        // Weight 0.8 typed in the first row's spin box; the slider follows (steps of 0.05).
        auto* weight = rows[0]->findChild<QDoubleSpinBox*>(QStringLiteral("loraWeight"));
        QCOMPARE(weight->minimum(), 0.0);
        QCOMPARE(weight->maximum(), 2.0);
        QCOMPARE(weight->singleStep(), 0.05);
        typeInto(weight->findChild<QLineEdit*>(), QStringLiteral("0.8"));
        QCOMPARE(rows[0]->findChild<QSlider*>(QStringLiteral("loraWeightSlider"))->value(), 16);
        // The second's slider moved three steps down: 0.85.
        auto* slider = rows[1]->findChild<QSlider*>(QStringLiteral("loraWeightSlider"));
        slider->setFocus();
        for (int i = 0; i < 3; ++i)
            QTest::keyClick(slider, Qt::Key_Left);
        QCOMPARE(rows[1]->findChild<QDoubleSpinBox*>(QStringLiteral("loraWeight"))->value(), 0.85);
        const QString a = m_models + QStringLiteral("/Lora/tiny-sd15-lora-a.safetensors");
        const QString lcm = m_models + QStringLiteral("/Lora/tiny-sd15-lcm-lora.safetensors");
        QCOMPARE(window->recipePanel()->recipe().loras, (QList<LoraRef> { { a, 0.8 }, { lcm, 0.85 } }));

        // With an LCM LoRA on the stack, Fast is the LCM preset.
        QTest::mouseClick(child<QPushButton>(*window, "fastPresetButton"), Qt::LeftButton);
        QCOMPARE(window->recipePanel()->recipe().sampler, Sampler::Lcm);
        QCOMPARE(window->recipePanel()->recipe().steps, 4);
        QCOMPARE(window->recipePanel()->recipe().guidance, 1.0);
        QVERIFY(child<QLabel>(*window, "messageText")->text().contains(QStringLiteral("LCM")));

        // Generate with the demo model: the image records the stack.
        auto* prompt = child<QPlainTextEdit>(*window, "promptEdit");
        prompt->setFocus();
        prompt->selectAll();
        QTest::keyClicks(prompt, QStringLiteral("a lighthouse"));
        typeInto(child<QSpinBox>(*window, "stepsSpin")->findChild<QLineEdit*>(), QStringLiteral("2"));
        typeInto(child<QSpinBox>(*window, "widthSpin")->findChild<QLineEdit*>(), QStringLiteral("64"));
        typeInto(child<QSpinBox>(*window, "heightSpin")->findChild<QLineEdit*>(), QStringLiteral("64"));
        QHash<quint64, JobResult> finished;
        QStringList saved;
        QObject context;
        connect(&window->queue(), &JobQueue::jobFinished, &context,
            [&](quint64 id, const JobResult& r) { finished.insert(id, r); });
        connect(&window->queue(), &JobQueue::imageSaved, &context,
            [&](quint64, const SavedImage& image) { saved << image.path; });
        const quint64 id = window->generate();
        QVERIFY(id);
        QVERIFY(QTest::qWaitFor([&] { return finished.contains(id); }, kJobTimeoutMs));
        QVERIFY2(finished.value(id).state == JobState::Completed, qPrintable(finished.value(id).message));
        QCOMPARE(saved.size(), 1);
        const ImageMetadata meta = ImageMetadata::read(saved.first());
        QVERIFY(meta.recipe);
        QCOMPARE(meta.recipe->loras, (QList<LoraRef> { { a, 0.8 }, { lcm, 0.85 } }));

        // Remove both; then Open Image Recipe fills the stack again.
        for (QWidget* row : stackRows(*window))
            QTest::mouseClick(row->findChild<QToolButton*>(QStringLiteral("loraRemoveButton")), Qt::LeftButton);
        QTRY_COMPARE(stackRows(*window).size(), 0);
        QVERIFY(window->recipePanel()->recipe().loras.isEmpty());
        QVERIFY(window->loadRecipeFrom(saved.first()));
        QTRY_COMPARE(stackRows(*window).size(), 2);
        rows = stackRows(*window);
        QCOMPARE(rows[0]->findChild<QLabel*>(QStringLiteral("loraName"))->text(),
            QStringLiteral("tiny-sd15-lora-a · SD 1.x"));
        QCOMPARE(rows[0]->findChild<QDoubleSpinBox*>(QStringLiteral("loraWeight"))->value(), 0.8);
        QCOMPARE(window->recipePanel()->recipe().loras, meta.recipe->loras);
    }

    // The Sampling group's step cache: "Off" at 1, into the recipe, recorded by the image made with it (the engine
    // ran with it: the image differs from the plain one), back into the spin with Open Image Recipe.
    void theStepCacheGoesIntoTheImagesRecipe()
    {
        auto window = makeWindow();
        QVERIFY(window);
        auto* spin = child<QSpinBox>(*window, "stepCacheSpin");
        QCOMPARE(spin->value(), 1);
        QCOMPARE(spin->text(), QStringLiteral("Off"));
        QVERIFY(spin->isEnabled()); // this computer's engine
        SmallImages images(*window);
        QStringList& saved = images.saved;
        auto make = [&] { return images.make(); };
        QVERIFY(make());
        typeInto(spin->findChild<QLineEdit*>(), QStringLiteral("2"));
        QCOMPARE(window->recipePanel()->recipe().stepCache, 2);
        QVERIFY(make());
        QCOMPARE(saved.size(), 2);
        const ImageMetadata plain = ImageMetadata::read(saved.at(0));
        const ImageMetadata cached = ImageMetadata::read(saved.at(1));
        QVERIFY(plain.recipe && cached.recipe);
        QCOMPARE(plain.recipe->stepCache, 1);
        QCOMPARE(cached.recipe->stepCache, 2);
        QCOMPARE(cached.recipe->seed, plain.recipe->seed);
        QVERIFY(cached.recipe->toA1111Parameters().contains(QStringLiteral("Step cache: 2")));
        QVERIFY(QImage(saved.at(0)) != QImage(saved.at(1)));

        typeInto(spin->findChild<QLineEdit*>(), QStringLiteral("1"));
        QCOMPARE(window->recipePanel()->recipe().stepCache, 1);
        QVERIFY(window->loadRecipeFrom(saved.at(1)));
        QCOMPARE(spin->value(), 2);
        QCOMPARE(window->recipePanel()->recipe().stepCache, 2);
    }

    // The Sampling group's token merging: "Off" at 0, into the recipe, recorded by the image made with it (the
    // engine ran with it: the image differs from the plain one), back into the spin with Open Image Recipe.
    void theTokenMergeGoesIntoTheImagesRecipe()
    {
        auto window = makeWindow();
        QVERIFY(window);
        auto* spin = child<QDoubleSpinBox>(*window, "tokenMergeSpin");
        QCOMPARE(spin->value(), 0.0);
        QCOMPARE(spin->text(), QStringLiteral("Off"));
        QCOMPARE(spin->maximum(), 0.75);
        QVERIFY(spin->isEnabled()); // this computer's engine
        SmallImages images(*window);
        QStringList& saved = images.saved;
        auto make = [&] { return images.make(); };
        QVERIFY(make());
        typeInto(spin->findChild<QLineEdit*>(), spin->locale().toString(0.5, 'f', 2));
        QCOMPARE(spin->value(), 0.5);
        QCOMPARE(window->recipePanel()->recipe().tokenMerge, 0.5);
        QVERIFY(make());
        QCOMPARE(saved.size(), 2);
        const ImageMetadata plain = ImageMetadata::read(saved.at(0));
        const ImageMetadata merged = ImageMetadata::read(saved.at(1));
        QVERIFY(plain.recipe && merged.recipe);
        QCOMPARE(plain.recipe->tokenMerge, 0.0);
        QCOMPARE(merged.recipe->tokenMerge, 0.5);
        QCOMPARE(merged.recipe->seed, plain.recipe->seed);
        QVERIFY(merged.recipe->toA1111Parameters().contains(QStringLiteral("Token merging ratio: 0.5")));
        QVERIFY(QImage(saved.at(0)) != QImage(saved.at(1)));

        spin->setValue(0.0);
        QCOMPARE(window->recipePanel()->recipe().tokenMerge, 0.0);
        QVERIFY(window->loadRecipeFrom(saved.at(1)));
        QCOMPARE(spin->value(), 0.5);
        QCOMPARE(window->recipePanel()->recipe().tokenMerge, 0.5);
    }

    void aStackedLoraForAnotherModelIsGreyedAndLeftOut()
    {
        auto window = makeWindow();
        QVERIFY(window);
        LoraPicker* picker = window->recipePanel()->loraPicker();
        QTRY_COMPARE(picker->modelFamily(), QStringLiteral("sd1"));
        const QString xl = m_models + QStringLiteral("/Lora/xl/tiny-sdxl-lora-a.safetensors");
        const QString a = m_models + QStringLiteral("/Lora/tiny-sd15-lora-a.safetensors");
        // A recipe read back with an SDXL LoRA on an SD 1.x model (the stack is not checked when it is set).
        ImageRecipe recipe = window->recipePanel()->recipe();
        recipe.loras = { { a, 1.0 }, { xl, 0.5 } };
        window->recipePanel()->setRecipe(recipe);
        QTRY_COMPARE(picker->description(xl).family, QStringLiteral("sdxl"));
        QTRY_COMPARE(stackRows(*window).size(), 2);
        const QList<QWidget*> rows = stackRows(*window);
        QVERIFY(rows[0]->findChild<QDoubleSpinBox*>(QStringLiteral("loraWeight"))->isEnabled());
        QVERIFY(!rows[1]->findChild<QDoubleSpinBox*>(QStringLiteral("loraWeight"))->isEnabled());
        QVERIFY(rows[1]->findChild<QToolButton*>(QStringLiteral("loraRemoveButton"))->isEnabled());
        QVERIFY(rows[1]->toolTip().contains(QStringLiteral("SDXL")));
        QCOMPARE(window->recipePanel()->recipe().loras, (QList<LoraRef> { { a, 1.0 } }));
        QCOMPARE(picker->leftOut().size(), 1);
        QVERIFY(picker->leftOut().first().contains(QStringLiteral("tiny-sdxl-lora-a")));
        // An SDXL model: the other way round.
        picker->setModelFamily(QStringLiteral("sdxl"));
        QCOMPARE(window->recipePanel()->recipe().loras, (QList<LoraRef> { { xl, 0.5 } }));
    }
};

QTEST_MAIN(TestRecipeTools)
#include "tst_recipetools.moc"
