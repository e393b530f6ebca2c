<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="de_DE">
<context>
    <name>easel</name>
    <message>
        <source>Gallery index %1: %2</source>
        <translation>Galerie-Index %1: %2</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>abgebrochen</translation>
    </message>
</context>
<context>
    <name>easel::AboutDialog</name>
    <message>
        <source>this program</source>
        <translation>dieses Programm</translation>
    </message>
    <message>
        <source>CLIP tokenizer vocabulary (clip/vocab.json, clip/merges.txt)</source>
        <translation>Vokabular des CLIP-Tokenizers (clip/vocab.json, clip/merges.txt)</translation>
    </message>
    <message>
        <source>bundled data, from OpenAI CLIP, Copyright (c) 2021 OpenAI</source>
        <translation>mitgelieferte Daten, aus OpenAI CLIP, Copyright (c) 2021 OpenAI</translation>
    </message>
    <message>
        <source>Tiny demo model (models/tiny-sd15)</source>
        <translation>Winziges Demo-Modell (models/tiny-sd15)</translation>
    </message>
    <message>
        <source>bundled data, random weights made for Easel</source>
        <translation>mitgelieferte Daten, Zufallsgewichte für Easel</translation>
    </message>
    <message>
        <source>windows, files, database, network</source>
        <translation>Fenster, Dateien, Datenbank, Netzwerk</translation>
    </message>
    <message>
        <source>the diffusion engine's tensors</source>
        <translation>die Tensoren der Diffusions-Engine</translation>
    </message>
    <message>
        <source>matrix maths under libtorch</source>
        <translation>Matrizenrechnung unter libtorch</translation>
    </message>
    <message>
        <source>image tools</source>
        <translation>Bildwerkzeuge</translation>
    </message>
    <message>
        <source>model headers and configs (compiled in)</source>
        <translation>Modell-Header und -Konfigurationen (einkompiliert)</translation>
    </message>
    <message>
        <source>PNG metadata</source>
        <translation>PNG-Metadaten</translation>
    </message>
    <message>
        <source>the gallery database, through Qt's driver</source>
        <translation>die Galerie-Datenbank, über den Treiber von Qt</translation>
    </message>
    <message>
        <source>About Easel</source>
        <translation>Über Easel</translation>
    </message>
    <message>
        <source>Stable Diffusion on your own machine, offline. Qt %1.</source>
        <translation>Stable Diffusion auf dem eigenen Rechner, offline. Qt %1.</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>Dateien</translation>
    </message>
    <message>
        <source>Easel's data (demo model, CLIP vocabulary, translations): %1</source>
        <translation>Daten von Easel (Demo-Modell, CLIP-Vokabular, Übersetzungen): %1</translation>
    </message>
    <message>
        <source>Your models can live anywhere; models Easel downloads go to %1. Until you choose one, Easel uses its tiny demo model, whose random weights make coloured noise.</source>
        <translation>Eigene Modelle können überall liegen; Modelle, die Easel herunterlädt, landen in %1. Bis Sie eines wählen, nutzt Easel sein winziges Demo-Modell, dessen Zufallsgewichte farbiges Rauschen erzeugen.</translation>
    </message>
    <message>
        <source>Licences</source>
        <translation>Lizenzen</translation>
    </message>
    <message>
        <source>Models you download have their own licences: 'easel-cli info MODEL' shows a model's.</source>
        <translation>Heruntergeladene Modelle haben eigene Lizenzen: 'easel-cli info MODELL' zeigt die eines Modells.</translation>
    </message>
    <message>
        <source>Easel's licence (MIT)</source>
        <translation>Lizenz von Easel (MIT)</translation>
    </message>
</context>
<context>
    <name>easel::ApiKeys</name>
    <message>
        <source>the system keychain did not answer; API keys come from the environment</source>
        <translation>der Schlüsselbund des Systems hat nicht geantwortet; API-Schlüssel kommen aus der Umgebung</translation>
    </message>
    <message>
        <source>no system keychain available (%1); API keys come from the environment</source>
        <translation>kein Schlüsselbund des Systems verfügbar (%1); API-Schlüssel kommen aus der Umgebung</translation>
    </message>
    <message>
        <source>the system keychain is switched off (EASEL_KEYCHAIN)</source>
        <translation>der Schlüsselbund des Systems ist ausgeschaltet (EASEL_KEYCHAIN)</translation>
    </message>
    <message>
        <source>cannot store the key in the system keychain: %1</source>
        <translation>der Schlüssel kann nicht im Schlüsselbund des Systems gespeichert werden: %1</translation>
    </message>
    <message>
        <source>the system keychain did not answer</source>
        <translation>der Schlüsselbund des Systems hat nicht geantwortet</translation>
    </message>
</context>
<context>
    <name>easel::AttributePanel</name>
    <message>
        <source>Drop an image to attribute</source>
        <translation>Bild zum Kennzeichnen ablegen</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>Anwenden</translation>
    </message>
    <message>
        <source>Drop an image here, or choose one above, to mark it as AI-generated</source>
        <translation>Ein Bild hier ablegen oder oben eines wählen, um es als KI-generiert zu kennzeichnen</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>Vorher</translation>
    </message>
    <message>
        <source>Split</source>
        <translation>Geteilt</translation>
    </message>
    <message>
        <source>Drawn with a simple font: characters outside ASCII show as '?'</source>
        <translation>Mit einer einfachen Schrift gezeichnet: Zeichen außerhalb von ASCII erscheinen als '?'</translation>
    </message>
    <message>
        <source>Bottom right</source>
        <translation>Unten rechts</translation>
    </message>
    <message>
        <source>Bottom left</source>
        <translation>Unten links</translation>
    </message>
    <message>
        <source>Top right</source>
        <translation>Oben rechts</translation>
    </message>
    <message>
        <source>Top left</source>
        <translation>Oben links</translation>
    </message>
    <message>
        <source> x</source>
        <translation> x</translation>
    </message>
    <message>
        <source>Text height relative to the usual 3% of the image's shorter side</source>
        <translation>Texthöhe relativ zu den üblichen 3 % der kürzeren Bildseite</translation>
    </message>
    <message>
        <source>Write a watermarked copy with the provenance metadata beside the image (queued)</source>
        <translation>Eine Kopie mit Wasserzeichen und Herkunfts-Metadaten neben das Bild schreiben (als Auftrag)</translation>
    </message>
    <message>
        <source>Watermark</source>
        <translation>Wasserzeichen</translation>
    </message>
    <message>
        <source>Corner</source>
        <translation>Ecke</translation>
    </message>
    <message>
        <source>Opacity</source>
        <translation>Deckkraft</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>Model and licence</source>
        <translation>Modell und Lizenz</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>Licence</source>
        <translation>Lizenz</translation>
    </message>
    <message>
        <source>Use restrictions</source>
        <translation>Nutzungsbeschränkungen</translation>
    </message>
    <message>
        <source>Always written: AI-generated marks (IPTC digital source type in XMP), the model, its licence, the source image and this operation.</source>
        <translation>Immer geschrieben: KI-Kennzeichnung (IPTC Digital Source Type in XMP), das Modell, seine Lizenz, das Ausgangsbild und dieser Vorgang.</translation>
    </message>
    <message>
        <source>Queued: %1</source>
        <translation>Eingereiht: %1</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>Gespeichert: %1</translation>
    </message>
    <message>
        <source>%1: %2 x %3</source>
        <translation>%1: %2 x %3</translation>
    </message>
    <message>
        <source>Reading...</source>
        <translation>Wird gelesen...</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <source>declared by the model file %1</source>
        <translation>von der Modelldatei %1 angegeben</translation>
    </message>
    <message>
        <source>the usual licence of its family; the model file %1 names none</source>
        <translation>die übliche Lizenz seiner Familie; die Modelldatei %1 nennt keine</translation>
    </message>
    <message>
        <source>The image does not say which model made it or under which licence; check where the model came from.</source>
        <translation>Das Bild sagt nicht, welches Modell es unter welcher Lizenz erzeugt hat; prüfen Sie, woher das Modell stammt.</translation>
    </message>
    <message>
        <source>nothing recorded in the image</source>
        <translation>nichts im Bild vermerkt</translation>
    </message>
    <message>
        <source>recorded in the image</source>
        <translation>im Bild vermerkt</translation>
    </message>
    <message>
        <source>the usual licence of its family (the model file is not on this machine)</source>
        <translation>die übliche Lizenz seiner Familie (die Modelldatei ist nicht auf diesem Rechner)</translation>
    </message>
    <message>
        <source>See the licence named above.</source>
        <translation>Siehe die oben genannte Lizenz.</translation>
    </message>
</context>
<context>
    <name>easel::BackendPicker</name>
    <message>
        <source>This computer</source>
        <translation>Dieser Computer</translation>
    </message>
    <message>
        <source>ComfyUI server</source>
        <translation>ComfyUI-Server</translation>
    </message>
    <message>
        <source>OpenAI Images (paid)</source>
        <translation>OpenAI Images (kostenpflichtig)</translation>
    </message>
    <message>
        <source>Stability AI (paid)</source>
        <translation>Stability AI (kostenpflichtig)</translation>
    </message>
    <message>
        <source>Where Generate makes the images. Servers and keys: Settings, Other engines.</source>
        <translation>Wo „Erzeugen“ die Bilder macht. Server und Schlüssel: Einstellungen, Andere Engines.</translation>
    </message>
    <message>
        <source>Eng&amp;ine:</source>
        <translation>Generat&amp;or:</translation>
    </message>
    <message>
        <source>none; e.g. stability, local</source>
        <translation>keine; z. B. stability, local</translation>
    </message>
    <message>
        <source>Engines tried in order when the chosen one refuses (key, credit, content) or does not answer: comfyui, openai, stability, local (local only last).</source>
        <translation>Engines, die der Reihe nach versucht werden, wenn die gewählte ablehnt (Schlüssel, Guthaben, Inhalt) oder nicht antwortet: comfyui, openai, stability, local (local nur zuletzt).</translation>
    </message>
    <message>
        <source>Fallbac&amp;k:</source>
        <translation>Aus&amp;weichen auf:</translation>
    </message>
    <message>
        <source>negative prompt</source>
        <translation>Negativ-Prompt</translation>
    </message>
    <message>
        <source>seed</source>
        <translation>Seed</translation>
    </message>
    <message>
        <source>steps</source>
        <translation>Schritte</translation>
    </message>
    <message>
        <source>guidance</source>
        <translation>Guidance</translation>
    </message>
    <message>
        <source>LoRAs</source>
        <translation>LoRAs</translation>
    </message>
    <message>
        <source>start image</source>
        <translation>Startbild</translation>
    </message>
    <message>
        <source>Runs every setting of the recipe on the server's own models.</source>
        <translation>Nutzt jede Einstellung des Rezepts, mit den Modellen des Servers.</translation>
    </message>
    <message>
        <source>Ignores: %1.</source>
        <translation>Ignoriert: %1.</translation>
    </message>
    <message>
        <source>Models: %1.</source>
        <translation>Modelle: %1.</translation>
    </message>
    <message>
        <source>No charge per image: your own server.</source>
        <translation>Keine Kosten pro Bild: Ihr eigener Server.</translation>
    </message>
    <message numerus="yes">
        <source>Estimated cost: $%1 per image, $%2 for %n image(s) (price table of %3).</source>
        <translation><numerusform>Geschätzte Kosten: $%1 pro Bild, $%2 für %n Bild (Preistabelle vom %3).</numerusform><numerusform>Geschätzte Kosten: $%1 pro Bild, $%2 für %n Bilder (Preistabelle vom %3).</numerusform></translation>
    </message>
    <message>
        <source>Unknown fallback engine '%1': use comfyui, openai, stability or local.</source>
        <translation>Unbekannte Ersatz-Engine „%1“: comfyui, openai, stability oder local verwenden.</translation>
    </message>
    <message>
        <source>Not queued: %1. Raise the budget in Settings, Other engines.</source>
        <translation>Nicht eingereiht: %1. Das Budget lässt sich unter Einstellungen, Andere Engines erhöhen.</translation>
    </message>
    <message>
        <source>The ComfyUI server of Settings, Other engines; with several, the least busy one</source>
        <translation>Der ComfyUI-Server aus Einstellungen, Andere Engines; bei mehreren der am wenigsten ausgelastete</translation>
    </message>
    <message>
        <source>ComfyUI at %1</source>
        <translation>ComfyUI auf %1</translation>
    </message>
</context>
<context>
    <name>easel::BackendRouter</name>
    <message>
        <source>no backend to run on</source>
        <translation>kein Backend zum Ausführen</translation>
    </message>
    <message>
        <source>%1 skipped: it failed earlier in this run</source>
        <translation>%1 übersprungen: es ist in diesem Lauf schon gescheitert</translation>
    </message>
    <message>
        <source>falling back from %1 to %2: %3</source>
        <translation>Ausweichen von %1 auf %2: %3</translation>
    </message>
    <message>
        <source>%1 is not used again in this run</source>
        <translation>%1 wird in diesem Lauf nicht mehr verwendet</translation>
    </message>
    <message>
        <source>%1 asked to wait %2 s, more than the %3 s allowed</source>
        <translation>%1 bat, %2 s zu warten, mehr als die erlaubten %3 s</translation>
    </message>
    <message>
        <source>%1: %2; retrying in %3 s</source>
        <translation>%1: %2; neuer Versuch in %3 s</translation>
    </message>
</context>
<context>
    <name>easel::BackendSettingsPage</name>
    <message>
        <source>Other engines</source>
        <translation>Andere Engines</translation>
    </message>
    <message>
        <source>ComfyUI servers</source>
        <translation>ComfyUI-Server</translation>
    </message>
    <message>
        <source>OpenAI Images</source>
        <translation>OpenAI Images</translation>
    </message>
    <message>
        <source>Stability AI</source>
        <translation>Stability AI</translation>
    </message>
    <message>
        <source>Engine:</source>
        <translation>Generator:</translation>
    </message>
    <message>
        <source>No limit</source>
        <translation>Keine Grenze</translation>
    </message>
    <message>
        <source>A cloud job that would pass this month's budget is not sent (Easel's estimates).</source>
        <translation>Ein Cloud-Auftrag, der das Budget dieses Monats überschreiten würde, wird nicht gesendet (Easels Schätzungen).</translation>
    </message>
    <message>
        <source>Monthly cloud budget:</source>
        <translation>Monatliches Cloud-Budget:</translation>
    </message>
    <message>
        <source>One server per line, e.g. http://gpu-box:8188; the queue runs one job per server at once, on the least busy one.</source>
        <translation>Ein Server pro Zeile, z. B. http://gpu-box:8188; die Warteschlange führt je Server einen Auftrag zugleich aus, auf dem am wenigsten ausgelasteten.</translation>
    </message>
    <message>
        <source>Servers:</source>
        <translation>Server:</translation>
    </message>
    <message>
        <source>Leave empty for the service itself; a proxy or a compatible server otherwise.</source>
        <translation>Leer lassen für den Dienst selbst; sonst ein Proxy oder ein kompatibler Server.</translation>
    </message>
    <message>
        <source>URL:</source>
        <translation>URL:</translation>
    </message>
    <message>
        <source>Kept in the system keychain, never in the settings file.</source>
        <translation>Im Schlüsselbund des Systems gespeichert, nie in der Einstellungsdatei.</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>Remove the stored key from the system keychain</source>
        <translation>Den gespeicherten Schlüssel aus dem Schlüsselbund entfernen</translation>
    </message>
    <message>
        <source>Token:</source>
        <translation>Token:</translation>
    </message>
    <message>
        <source>API key:</source>
        <translation>API-Schlüssel:</translation>
    </message>
    <message>
        <source>the recipe's model, matched by file name</source>
        <translation>das Modell des Rezepts, nach Dateiname zugeordnet</translation>
    </message>
    <message>
        <source>Default model:</source>
        <translation>Standardmodell:</translation>
    </message>
    <message>
        <source>Easel's own graph</source>
        <translation>Easels eigener Graph</translation>
    </message>
    <message>
        <source>A workflow saved with ComfyUI's "Save (API Format)" whose {{prompt}}, {{seed}}, {{model}}... slots Easel fills in.</source>
        <translation>Ein mit ComfyUIs „Save (API Format)“ gespeicherter Workflow, dessen Platzhalter {{prompt}}, {{seed}}, {{model}}... Easel ausfüllt.</translation>
    </message>
    <message>
        <source>Browse...</source>
        <translation>Durchsuchen...</translation>
    </message>
    <message>
        <source>ComfyUI workflow template</source>
        <translation>ComfyUI-Workflow-Vorlage</translation>
    </message>
    <message>
        <source>ComfyUI API workflows (*.json)</source>
        <translation>ComfyUI-API-Workflows (*.json)</translation>
    </message>
    <message>
        <source>Workflow:</source>
        <translation>Workflow:</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>Verbindung testen</translation>
    </message>
    <message>
        <source>The stored key is removed when you press OK.</source>
        <translation>Der gespeicherte Schlüssel wird mit OK entfernt.</translation>
    </message>
    <message>
        <source>A key is stored in the system keychain; type a new one to replace it.</source>
        <translation>Ein Schlüssel liegt im Schlüsselbund des Systems; einen neuen eingeben, um ihn zu ersetzen.</translation>
    </message>
    <message>
        <source>From the environment (%1); type a key to keep one in the keychain.</source>
        <translation>Aus der Umgebung (%1); einen Schlüssel eingeben, um ihn im Schlüsselbund zu speichern.</translation>
    </message>
    <message>
        <source>No token: fine for a server on your own network.</source>
        <translation>Kein Token: passt für einen Server im eigenen Netz.</translation>
    </message>
    <message>
        <source>No key yet: paste one, or set %1.</source>
        <translation>Noch kein Schlüssel: einen einfügen oder %1 setzen.</translation>
    </message>
    <message>
        <source>%1: '%2' is not an http(s) URL.</source>
        <translation>%1: „%2“ ist keine http(s)-URL.</translation>
    </message>
    <message>
        <source>Not checked: there is no key to check yet.</source>
        <translation>Nicht geprüft: es gibt noch keinen Schlüssel zu prüfen.</translation>
    </message>
    <message>
        <source>Asking %1...</source>
        <translation>Frage %1...</translation>
    </message>
    <message>
        <source>Refused: %1 does not accept this key (HTTP %2).</source>
        <translation>Abgelehnt: %1 nimmt diesen Schlüssel nicht an (HTTP %2).</translation>
    </message>
    <message numerus="yes">
        <source>Connected: ComfyUI at %1 offers %n node type(s).</source>
        <translation><numerusform>Verbunden: ComfyUI auf %1 bietet %n Knotentyp.</numerusform><numerusform>Verbunden: ComfyUI auf %1 bietet %n Knotentypen.</numerusform></translation>
    </message>
    <message>
        <source>Connected: %1 accepted the key.</source>
        <translation>Verbunden: %1 hat den Schlüssel angenommen.</translation>
    </message>
    <message>
        <source>%1 answered HTTP %2.</source>
        <translation>%1 antwortete mit HTTP %2.</translation>
    </message>
    <message>
        <source>No connection to %1: %2</source>
        <translation>Keine Verbindung zu %1: %2</translation>
    </message>
</context>
<context>
    <name>easel::BatchJob</name>
    <message>
        <source>Prompt list %1</source>
        <translation>Prompt-Liste %1</translation>
    </message>
    <message>
        <source>%1 of %2 frames already written: resuming</source>
        <translation>%1 von %2 Frames bereits geschrieben: wird fortgesetzt</translation>
    </message>
    <message>
        <source>cancelled; run it again to resume</source>
        <translation>abgebrochen; erneut starten, um fortzusetzen</translation>
    </message>
</context>
<context>
    <name>easel::BatchMetadata</name>
    <message>
        <source>Cannot write '%1': %2</source>
        <translation>'%1' kann nicht geschrieben werden: %2</translation>
    </message>
</context>
<context>
    <name>easel::BeforeAfterView</name>
    <message>
        <source>Before</source>
        <translation>Vorher</translation>
    </message>
    <message>
        <source>After</source>
        <translation>Nachher</translation>
    </message>
</context>
<context>
    <name>easel::CloudHttp</name>
    <message>
        <source>%1 refused the prompt under its content policy</source>
        <translation>%1 hat den Prompt nach seinen Inhaltsrichtlinien abgelehnt</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>abgebrochen</translation>
    </message>
    <message>
        <source>%1 did not answer within %2 s</source>
        <translation>%1 hat nicht innerhalb von %2 s geantwortet</translation>
    </message>
    <message>
        <source>cannot reach %1: %2</source>
        <translation>%1 ist nicht erreichbar: %2</translation>
    </message>
    <message>
        <source>%1: the account has no credit left (HTTP %2)</source>
        <translation>%1: das Konto hat kein Guthaben mehr (HTTP %2)</translation>
    </message>
    <message>
        <source>%1 did not accept the API key (HTTP %2): check the key</source>
        <translation>%1 hat den API-Schlüssel nicht angenommen (HTTP %2): Schlüssel prüfen</translation>
    </message>
    <message>
        <source>%1 is limiting the request rate (HTTP 429)</source>
        <translation>%1 begrenzt die Anfragerate (HTTP 429)</translation>
    </message>
    <message>
        <source>%1 did not answer in time (HTTP %2)</source>
        <translation>%1 hat nicht rechtzeitig geantwortet (HTTP %2)</translation>
    </message>
    <message>
        <source>%1 had a server error (HTTP %2)</source>
        <translation>%1 hatte einen Serverfehler (HTTP %2)</translation>
    </message>
    <message>
        <source>%1 rejected the request (HTTP %2)</source>
        <translation>%1 hat die Anfrage abgelehnt (HTTP %2)</translation>
    </message>
</context>
<context>
    <name>easel::ComfyUIBackend</name>
    <message>
        <source>ComfyUI (%1)</source>
        <translation>ComfyUI (%1)</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>abgebrochen</translation>
    </message>
    <message>
        <source>No ComfyUI server is set: give its URL (e.g. http://127.0.0.1:8188)</source>
        <translation>Kein ComfyUI-Server eingestellt: seine URL angeben (z. B. http://127.0.0.1:8188)</translation>
    </message>
    <message>
        <source>ComfyUI runs no inpainting masks from Easel yet: run this recipe locally or without its mask</source>
        <translation>ComfyUI führt noch keine Inpainting-Masken aus Easel aus: dieses Rezept lokal oder ohne Maske ausführen</translation>
    </message>
    <message>
        <source>ComfyUI at %1 has no checkpoint</source>
        <translation>ComfyUI unter %1 hat keinen Checkpoint</translation>
    </message>
    <message>
        <source>ComfyUI at %1 has no checkpoint like %2</source>
        <translation>ComfyUI unter %1 hat keinen Checkpoint wie %2</translation>
    </message>
    <message>
        <source>ComfyUI at %1 has no LoRA like %2</source>
        <translation>ComfyUI unter %1 hat keine LoRA wie %2</translation>
    </message>
    <message>
        <source>The workflow template %1 decides the LoRAs: the recipe's LoRAs were not applied</source>
        <translation>Die Workflow-Vorlage %1 bestimmt die LoRAs: die LoRAs des Rezepts wurden nicht angewandt</translation>
    </message>
    <message>
        <source>The workflow template %1 has no {{prompt}} slot: the prompt was not used</source>
        <translation>Die Workflow-Vorlage %1 hat keinen Platzhalter {{prompt}}: der Prompt wurde nicht verwendet</translation>
    </message>
    <message>
        <source>The workflow template %1 has no {{image}} slot for the init image</source>
        <translation>Die Workflow-Vorlage %1 hat keinen Platzhalter {{image}} für das Ausgangsbild</translation>
    </message>
    <message>
        <source>ComfyUI at %1 did not say where the uploaded image went</source>
        <translation>ComfyUI unter %1 hat nicht mitgeteilt, wo das hochgeladene Bild liegt</translation>
    </message>
    <message>
        <source>ComfyUI at %1: no WebSocket, so no progress or previews (the history is polled)</source>
        <translation>ComfyUI unter %1: kein WebSocket, daher weder Fortschritt noch Vorschauen (der Verlauf wird abgefragt)</translation>
    </message>
    <message>
        <source>ComfyUI at %1 queued the workflow without a prompt id</source>
        <translation>ComfyUI unter %1 hat den Workflow ohne Prompt-ID eingereiht</translation>
    </message>
    <message>
        <source>ComfyUI at %1 sent no word for %2 s while it ran the workflow</source>
        <translation>ComfyUI unter %1 hat während des Workflows %2 s lang nichts gemeldet</translation>
    </message>
    <message>
        <source>ComfyUI at %1 did not finish the workflow within %2 s</source>
        <translation>ComfyUI unter %1 hat den Workflow nicht innerhalb von %2 s beendet</translation>
    </message>
    <message>
        <source>ComfyUI at %1 interrupted the workflow</source>
        <translation>ComfyUI unter %1 hat den Workflow unterbrochen</translation>
    </message>
    <message>
        <source>ComfyUI at %1 could not run the workflow</source>
        <translation>ComfyUI unter %1 konnte den Workflow nicht ausführen</translation>
    </message>
    <message>
        <source>ComfyUI at %1 finished the workflow without saving an image</source>
        <translation>ComfyUI unter %1 hat den Workflow beendet, ohne ein Bild zu speichern</translation>
    </message>
    <message>
        <source>ComfyUI at %1 did not answer within %2 s</source>
        <translation>ComfyUI unter %1 hat nicht innerhalb von %2 s geantwortet</translation>
    </message>
    <message>
        <source>ComfyUI at %1 cannot be reached: %2</source>
        <translation>ComfyUI unter %1 ist nicht erreichbar: %2</translation>
    </message>
    <message>
        <source>ComfyUI at %1 refused access (HTTP %2): check the access token</source>
        <translation>ComfyUI unter %1 hat den Zugriff verweigert (HTTP %2): Zugangstoken prüfen</translation>
    </message>
    <message>
        <source>ComfyUI at %1 asks for payment (HTTP 402): check the account's credit</source>
        <translation>ComfyUI unter %1 verlangt eine Zahlung (HTTP 402): Guthaben des Kontos prüfen</translation>
    </message>
    <message>
        <source>ComfyUI at %1 is busy (HTTP 429): try again later</source>
        <translation>ComfyUI unter %1 ist ausgelastet (HTTP 429): später erneut versuchen</translation>
    </message>
    <message>
        <source>ComfyUI at %1 failed (HTTP %2): %3</source>
        <translation>ComfyUI unter %1 ist gescheitert (HTTP %2): %3</translation>
    </message>
    <message>
        <source>ComfyUI at %1 refused the request (HTTP %2): %3</source>
        <translation>ComfyUI unter %1 hat die Anfrage abgelehnt (HTTP %2): %3</translation>
    </message>
    <message>
        <source>ComfyUI at %1 sent an unreadable /object_info: %2</source>
        <translation>ComfyUI unter %1 hat ein unlesbares /object_info gesendet: %2</translation>
    </message>
</context>
<context>
    <name>easel::ComfyWorkflow</name>
    <message>
        <source>node %1</source>
        <translation>Knoten %1</translation>
    </message>
    <message>
        <source>node %1 (%2)</source>
        <translation>Knoten %1 (%2)</translation>
    </message>
    <message>
        <source>Cannot read the workflow template %1: %2</source>
        <translation>Die Workflow-Vorlage %1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>The workflow template %1 is not JSON: %2</source>
        <translation>Die Workflow-Vorlage %1 ist kein JSON: %2</translation>
    </message>
    <message>
        <source>The workflow template %1 is a UI workflow: export it from ComfyUI with "Save (API Format)"</source>
        <translation>Die Workflow-Vorlage %1 ist ein UI-Workflow: in ComfyUI mit „Save (API Format)“ exportieren</translation>
    </message>
    <message>
        <source>The workflow template %1 has no nodes</source>
        <translation>Die Workflow-Vorlage %1 hat keine Knoten</translation>
    </message>
    <message>
        <source>The workflow template %1 is not in ComfyUI's API format: node %2 needs "class_type" and "inputs"</source>
        <translation>Die Workflow-Vorlage %1 ist nicht im API-Format von ComfyUI: Knoten %2 braucht „class_type“ und „inputs“</translation>
    </message>
    <message>
        <source>The workflow template %1 uses the unknown slot {{%2}} (known: %3)</source>
        <translation>Die Workflow-Vorlage %1 verwendet den unbekannten Platzhalter {{%2}} (bekannt: %3)</translation>
    </message>
    <message>
        <source>The workflow template %1 needs an init image ({{image}}): give the recipe one</source>
        <translation>Die Workflow-Vorlage %1 braucht ein Ausgangsbild ({{image}}): dem Rezept eines geben</translation>
    </message>
    <message>
        <source>The workflow template %1 uses {{%2}}, which this run has no value for</source>
        <translation>Die Workflow-Vorlage %1 verwendet {{%2}}, wofür dieser Lauf keinen Wert hat</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>ComfyUI refused the workflow: %1</source>
        <translation>ComfyUI hat den Workflow abgelehnt: %1</translation>
    </message>
    <message>
        <source>ComfyUI failed in %1: %2</source>
        <translation>ComfyUI ist in %1 gescheitert: %2</translation>
    </message>
</context>
<context>
    <name>easel::CompareCanvas</name>
    <message>
        <source>Computing the difference…</source>
        <translation>Unterschied wird berechnet …</translation>
    </message>
</context>
<context>
    <name>easel::ComposeJob</name>
    <message>
        <source>Compose: %1 / %2</source>
        <translation>Komposition: %1 / %2</translation>
    </message>
    <message>
        <source>%1: the output must be a .png file</source>
        <translation>%1: die Ausgabe muss eine .png-Datei sein</translation>
    </message>
</context>
<context>
    <name>easel::ComposePanel</name>
    <message>
        <source>Compose</source>
        <translation>Komponieren</translation>
    </message>
    <message>
        <source>Who: e.g. a knight in silver armour</source>
        <translation>Wer: z. B. ein Ritter in silberner Rüstung</translation>
    </message>
    <message>
        <source>Where: e.g. a misty castle courtyard at dawn</source>
        <translation>Wo: z. B. ein nebliger Burghof im Morgengrauen</translation>
    </message>
    <message>
        <source>Added to the character prompt: a full figure on a plain backdrop cuts out cleanly</source>
        <translation>Wird an den Figur-Prompt angehängt: eine ganze Figur vor schlichtem Hintergrund lässt sich sauber freistellen</translation>
    </message>
    <message>
        <source>Added to the background prompt: atmosphere, and no people in the scene</source>
        <translation>Wird an den Hintergrund-Prompt angehängt: Atmosphäre und keine Menschen in der Szene</translation>
    </message>
    <message>
        <source>Added to the character's negative prompt</source>
        <translation>Wird an den Negativ-Prompt der Figur angehängt</translation>
    </message>
    <message>
        <source>Added to the background's negative prompt</source>
        <translation>Wird an den Negativ-Prompt des Hintergrunds angehängt</translation>
    </message>
    <message>
        <source>The character is made in portrait (3:4) and the background in landscape (4:3) at the model's size: 384 x 512 and 512 x 384 for SD 1.5. The figure is cut out and placed in the right half of a 1024 x 512 picture.</source>
        <translation>Die Figur entsteht im Hochformat (3:4), der Hintergrund im Querformat (4:3), in der Größe des Modells: 384 x 512 und 512 x 384 bei SD 1.5. Die Figur wird freigestellt und in die rechte Hälfte eines Bildes von 1024 x 512 gesetzt.</translation>
    </message>
    <message>
        <source>Prompt helpers</source>
        <translation>Prompt-Helfer</translation>
    </message>
    <message>
        <source>Easel's helpers</source>
        <translation>Easels Helfer</translation>
    </message>
    <message>
        <source>Put back the prompt helpers Easel comes with</source>
        <translation>Die mitgelieferten Prompt-Helfer von Easel wiederherstellen</translation>
    </message>
    <message>
        <source>Character adds</source>
        <translation>Figur fügt hinzu</translation>
    </message>
    <message>
        <source>Character avoids</source>
        <translation>Figur vermeidet</translation>
    </message>
    <message>
        <source>Background adds</source>
        <translation>Hintergrund fügt hinzu</translation>
    </message>
    <message>
        <source>Background avoids</source>
        <translation>Hintergrund vermeidet</translation>
    </message>
    <message>
        <source>Queue one job: the character, the background, then the merge</source>
        <translation>Einen Auftrag einreihen: die Figur, den Hintergrund, dann das Zusammenfügen</translation>
    </message>
    <message>
        <source>Character</source>
        <translation>Figur</translation>
    </message>
    <message>
        <source>Background</source>
        <translation>Hintergrund</translation>
    </message>
    <message>
        <source>Compose needs a character prompt and a background prompt.</source>
        <translation>Komponieren braucht einen Figur-Prompt und einen Hintergrund-Prompt.</translation>
    </message>
    <message>
        <source>Compose needs a model: choose one in the recipe panel.</source>
        <translation>Komponieren braucht ein Modell: Wählen Sie eines im Rezept-Bereich.</translation>
    </message>
    <message>
        <source>Cannot make the output folder %1.</source>
        <translation>Der Ausgabeordner %1 kann nicht angelegt werden.</translation>
    </message>
    <message>
        <source>Queued: %1 (character, background, then the merge)</source>
        <translation>Eingereiht: %1 (Figur, Hintergrund, dann das Zusammenfügen)</translation>
    </message>
    <message>
        <source>Composed %1</source>
        <translation>Komponiert: %1</translation>
    </message>
    <message>
        <source>Compose stopped: %1</source>
        <translation>Komponieren angehalten: %1</translation>
    </message>
</context>
<context>
    <name>easel::CostLedger</name>
    <message>
        <source>%1: cannot lock the cost record</source>
        <translation>%1: die Kostenaufstellung kann nicht gesperrt werden</translation>
    </message>
    <message>
        <source>%1: cannot write the cost record: %2</source>
        <translation>%1: die Kostenaufstellung kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>the cloud budget of $%1 this month would be passed: $%2 spent, this needs about $%3</source>
        <translation>das Cloud-Budget von $%1 in diesem Monat würde überschritten: $%2 ausgegeben, dies kostet etwa $%3</translation>
    </message>
</context>
<context>
    <name>easel::CostTotalsLabel</name>
    <message>
        <source>Easel's estimates of what the cloud engines cost (its price table of %1); the bill is the provider's.</source>
        <translation>Easels Schätzung der Kosten der Cloud-Engines (seine Preistabelle vom %1); maßgeblich ist die Rechnung des Anbieters.</translation>
    </message>
    <message>
        <source>Cloud: $%1 this session, $%2 this month</source>
        <translation>Cloud: $%1 in dieser Sitzung, $%2 in diesem Monat</translation>
    </message>
</context>
<context>
    <name>easel::DownloadsPanel</name>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>Licence</source>
        <translation>Lizenz</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Download</source>
        <translation>Herunterladen</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Stops the download; what has arrived is kept, and Resume continues from there.</source>
        <translation>Hält den Download an; das bereits Geladene bleibt erhalten, und Fortsetzen macht dort weiter.</translation>
    </message>
    <message>
        <source>Discard partial download</source>
        <translation>Teil-Download verwerfen</translation>
    </message>
    <message>
        <source>Checking the file's sha256...</source>
        <translation>sha256 der Datei wird geprüft...</translation>
    </message>
    <message>
        <source>Downloaded</source>
        <translation>Heruntergeladen</translation>
    </message>
    <message>
        <source>Paused at %1 of %2</source>
        <translation>Angehalten bei %1 von %2</translation>
    </message>
    <message>
        <source>Paused at %1</source>
        <translation>Angehalten bei %1</translation>
    </message>
    <message>
        <source>Not downloaded</source>
        <translation>Nicht heruntergeladen</translation>
    </message>
    <message>
        <source>Downloading</source>
        <translation>Wird heruntergeladen</translation>
    </message>
    <message>
        <source>Preview decoder: draws full-size live previews while an image is made.</source>
        <translation>Vorschau-Decoder: zeichnet Live-Vorschauen in voller Größe, während ein Bild entsteht.</translation>
    </message>
    <message>
        <source>Model: makes images.</source>
        <translation>Modell: erzeugt Bilder.</translation>
    </message>
    <message>
        <source>Licence: %1. By downloading it you accept its terms.</source>
        <translation>Lizenz: %1. Mit dem Herunterladen akzeptieren Sie ihre Bedingungen.</translation>
    </message>
    <message>
        <source>From: %1</source>
        <translation>Quelle: %1</translation>
    </message>
    <message>
        <source>Saved as: %1</source>
        <translation>Gespeichert als: %1</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Fortsetzen</translation>
    </message>
    <message>
        <source>Not enough free space in %1: %2 needed, %3 free.</source>
        <translation>Nicht genug freier Platz in %1: %2 benötigt, %3 frei.</translation>
    </message>
    <message>
        <source>Continuing from %1...</source>
        <translation>Wird ab %1 fortgesetzt...</translation>
    </message>
    <message>
        <source>Connecting...</source>
        <translation>Verbindung wird hergestellt...</translation>
    </message>
    <message>
        <source>Cannot delete %1.</source>
        <translation>%1 kann nicht gelöscht werden.</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 von %2</translation>
    </message>
    <message>
        <source>Saved %1.</source>
        <translation>%1 gespeichert.</translation>
    </message>
    <message>
        <source>Stopped (%1). %2 kept: Resume continues from there.</source>
        <translation>Angehalten (%1). %2 behalten: Fortsetzen macht dort weiter.</translation>
    </message>
    <message>
        <source>Download failed: %1</source>
        <translation>Download fehlgeschlagen: %1</translation>
    </message>
</context>
<context>
    <name>easel::EnhancePanel</name>
    <message>
        <source>Drop an image to enhance</source>
        <translation>Bild zum Verbessern ablegen</translation>
    </message>
    <message>
        <source>Unsharp mask</source>
        <translation>Unscharf maskieren</translation>
    </message>
    <message>
        <source>One-click enhance</source>
        <translation>Mit einem Klick verbessern</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>Zurücksetzen</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>Anwenden</translation>
    </message>
    <message>
        <source>Drop an image here, or choose one above, to enhance it</source>
        <translation>Ein Bild hier ablegen oder oben eines wählen, um es zu verbessern</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>Vorher</translation>
    </message>
    <message>
        <source>Show the image before the enhancement</source>
        <translation>Das Bild vor der Verbesserung zeigen</translation>
    </message>
    <message>
        <source>Split</source>
        <translation>Geteilt</translation>
    </message>
    <message>
        <source>Before on the left, after on the right; drag the divider</source>
        <translation>Links vorher, rechts nachher; den Teiler ziehen</translation>
    </message>
    <message>
        <source>1 leaves the image as it is; 0 blurs, above 1 sharpens</source>
        <translation>1 lässt das Bild unverändert; 0 macht es unscharf, über 1 schärfer</translation>
    </message>
    <message>
        <source>1 leaves the image as it is; 0 is flat grey</source>
        <translation>1 lässt das Bild unverändert; 0 ist flaches Grau</translation>
    </message>
    <message>
        <source>1 leaves the image as it is; 0 is black and white</source>
        <translation>1 lässt das Bild unverändert; 0 ist Schwarzweiß</translation>
    </message>
    <message>
        <source>1 leaves the image as it is; 0 is black</source>
        <translation>1 lässt das Bild unverändert; 0 ist Schwarz</translation>
    </message>
    <message>
        <source> px</source>
        <translation> px</translation>
    </message>
    <message>
        <source> %</source>
        <translation> %</translation>
    </message>
    <message>
        <source>Sharpness 1.2, contrast 1.1, colour 1.1 and an unsharp mask of 1 px, 150%, 3</source>
        <translation>Schärfe 1,2, Kontrast 1,1, Farbe 1,1 und Unscharf maskieren mit 1 px, 150 %, 3</translation>
    </message>
    <message>
        <source>Radius</source>
        <translation>Radius</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Stärke</translation>
    </message>
    <message>
        <source>Threshold</source>
        <translation>Schwellenwert</translation>
    </message>
    <message>
        <source>Sharpness</source>
        <translation>Schärfe</translation>
    </message>
    <message>
        <source>Contrast</source>
        <translation>Kontrast</translation>
    </message>
    <message>
        <source>Colour</source>
        <translation>Farbe</translation>
    </message>
    <message>
        <source>Brightness</source>
        <translation>Helligkeit</translation>
    </message>
    <message>
        <source>Preview %1 x %2, computed in %3 ms</source>
        <translation>Vorschau %1 x %2, berechnet in %3 ms</translation>
    </message>
    <message>
        <source>Queued: %1</source>
        <translation>Eingereiht: %1</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>Gespeichert: %1</translation>
    </message>
    <message>
        <source>%1: %2 x %3</source>
        <translation>%1: %2 x %3</translation>
    </message>
    <message>
        <source>Nothing to apply: every setting leaves the image as it is</source>
        <translation>Nichts anzuwenden: Jede Einstellung lässt das Bild, wie es ist</translation>
    </message>
    <message>
        <source>Enhance the full-size image into a new file beside it (queued)</source>
        <translation>Das Bild in voller Größe verbessert in eine neue Datei daneben schreiben (als Auftrag)</translation>
    </message>
    <message>
        <source>Apply chain from...</source>
        <translation>Kette übernehmen von...</translation>
    </message>
    <message>
        <source>Re-apply the steps recorded in another result (enhance, watermark) to this image</source>
        <translation>Die in einem anderen Ergebnis aufgezeichneten Schritte (Verbessern, Wasserzeichen) auf dieses Bild anwenden</translation>
    </message>
    <message>
        <source>%1 records no steps to apply.</source>
        <translation>%1 enthält keine Schritte zum Anwenden.</translation>
    </message>
    <message>
        <source>%1 is a merge: make it again in the merge panel, it needs two images.</source>
        <translation>%1 ist eine Zusammenfügung: Erstellen Sie sie im Zusammenfügen-Bereich neu, sie braucht zwei Bilder.</translation>
    </message>
    <message>
        <source>Apply the chain of</source>
        <translation>Kette übernehmen von</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG-Bilder (*.png)</translation>
    </message>
</context>
<context>
    <name>easel::ExportDialog</name>
    <message>
        <source>Add...</source>
        <translation>Hinzufügen...</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>Lossless</source>
        <translation>Verlustfrei</translation>
    </message>
    <message>
        <source>Browse...</source>
        <translation>Durchsuchen...</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exportieren</translation>
    </message>
    <message>
        <source>Export images</source>
        <translation>Bilder exportieren</translation>
    </message>
    <message>
        <source>PNG (lossless, every metadata chunk kept)</source>
        <translation>PNG (verlustfrei, alle Metadaten-Chunks bleiben erhalten)</translation>
    </message>
    <message>
        <source>JPEG</source>
        <translation>JPEG</translation>
    </message>
    <message>
        <source>WebP</source>
        <translation>WebP</translation>
    </message>
    <message>
        <source>Beside each image</source>
        <translation>Neben jedem Bild</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>Format</translation>
    </message>
    <message>
        <source>Quality</source>
        <translation>Qualität</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>Ordner</translation>
    </message>
    <message>
        <source>Add images</source>
        <translation>Bilder hinzufügen</translation>
    </message>
    <message>
        <source>Export to</source>
        <translation>Exportieren nach</translation>
    </message>
    <message>
        <source>A PNG is copied as it is: pixels and every metadata chunk (recipe, sources, operations, provenance).</source>
        <translation>Ein PNG wird unverändert kopiert: Pixel und alle Metadaten-Chunks (Rezept, Quellen, Vorgänge, Herkunft).</translation>
    </message>
    <message>
        <source>The recipe, sources, operations and provenance go into XMP, and the generation parameters into EXIF (UserComment), where A1111-style readers look for them.</source>
        <translation>Rezept, Quellen, Vorgänge und Herkunft kommen in XMP, die Generierungsparameter in EXIF (UserComment), wo Leser im Stil von A1111 sie suchen.</translation>
    </message>
    <message>
        <source>Cannot create the folder %1</source>
        <translation>Der Ordner %1 kann nicht angelegt werden</translation>
    </message>
    <message>
        <source>Exporting...</source>
        <translation>Wird exportiert...</translation>
    </message>
    <message>
        <source>beside the sources</source>
        <translation>neben den Quellen</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n image(s) %1.</source>
        <translation><numerusform>%n Bild exportiert: %1.</numerusform><numerusform>%n Bilder exportiert: %1.</numerusform></translation>
    </message>
    <message>
        <source>Reading the models' licences...</source>
        <translation>Die Lizenzen der Modelle werden gelesen...</translation>
    </message>
    <message>
        <source>No model recorded. %1</source>
        <translation>Kein Modell aufgezeichnet. %1</translation>
    </message>
    <message>
        <source>%1 - licence: %2. %3</source>
        <translation>%1 – Lizenz: %2. %3</translation>
    </message>
    <message>
        <source>not recorded</source>
        <translation>nicht aufgezeichnet</translation>
    </message>
</context>
<context>
    <name>easel::FileHash</name>
    <message>
        <source>Cannot read '%1': %2</source>
        <translation>'%1' kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>Hashing '%1' was cancelled</source>
        <translation>Hash-Berechnung von '%1' wurde abgebrochen</translation>
    </message>
    <message>
        <source>'%1' does not exist</source>
        <translation>'%1' existiert nicht</translation>
    </message>
    <message>
        <source>'%1' holds no .safetensors weight files</source>
        <translation>'%1' enthält keine .safetensors-Gewichtsdateien</translation>
    </message>
</context>
<context>
    <name>easel::GalleryCompare</name>
    <message numerus="yes">
        <source>Compare %n Image(s)</source>
        <translation><numerusform>%n Bild vergleichen</numerusform><numerusform>%n Bilder vergleichen</numerusform></translation>
    </message>
    <message>
        <source>Side by Side</source>
        <translation>Nebeneinander</translation>
    </message>
    <message>
        <source>Every image next to the others</source>
        <translation>Alle Bilder nebeneinander</translation>
    </message>
    <message>
        <source>Slider</source>
        <translation>Schieber</translation>
    </message>
    <message>
        <source>Two images stacked; drag the line to reveal one or the other</source>
        <translation>Zwei Bilder übereinander; die Linie ziehen, um das eine oder andere zu zeigen</translation>
    </message>
    <message>
        <source>Difference</source>
        <translation>Unterschied</translation>
    </message>
    <message>
        <source>Heat map of what differs between the two images: black is identical, bright differs most</source>
        <translation>Wärmebild der Unterschiede zwischen den zwei Bildern: schwarz ist gleich, hell unterscheidet sich am meisten</translation>
    </message>
    <message>
        <source>Flicker</source>
        <translation>Flackern</translation>
    </message>
    <message>
        <source>Switch between the two images quickly, so small changes jump out</source>
        <translation>Schnell zwischen den zwei Bildern wechseln, damit kleine Änderungen auffallen</translation>
    </message>
    <message>
        <source>The pair the slider, the flicker and the difference show</source>
        <translation>Das Paar, das Schieber, Flackern und Unterschied zeigen</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>Einpassen</translation>
    </message>
    <message>
        <source>Fit the images (the wheel zooms, dragging pans, all images together)</source>
        <translation>Bilder einpassen (das Mausrad zoomt, Ziehen verschiebt, alle Bilder gemeinsam)</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Wird geladen …</translation>
    </message>
    <message>
        <source>Identical pixels</source>
        <translation>Identische Pixel</translation>
    </message>
    <message>
        <source>%1% of the pixels differ, by up to %2 levels</source>
        <translation>%1 % der Pixel unterscheiden sich, um bis zu %2 Stufen</translation>
    </message>
    <message>
        <source>(no recipe to compare)</source>
        <translation>(kein Rezept zum Vergleichen)</translation>
    </message>
    <message>
        <source>same recipe</source>
        <translation>gleiches Rezept</translation>
    </message>
</context>
<context>
    <name>easel::GalleryDetail</name>
    <message>
        <source>Copy Prompt</source>
        <translation>Prompt kopieren</translation>
    </message>
    <message>
        <source>Copy Seed</source>
        <translation>Seed kopieren</translation>
    </message>
    <message>
        <source>Copy All</source>
        <translation>Alles kopieren</translation>
    </message>
    <message>
        <source>Copy every fact shown here as text</source>
        <translation>Alle hier gezeigten Angaben als Text kopieren</translation>
    </message>
    <message>
        <source>No image selected</source>
        <translation>Kein Bild ausgewählt</translation>
    </message>
    <message>
        <source>Recipe</source>
        <translation>Rezept</translation>
    </message>
    <message>
        <source>Prompt</source>
        <translation>Prompt</translation>
    </message>
    <message>
        <source>Negative prompt</source>
        <translation>Negativer Prompt</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>Model file</source>
        <translation>Modelldatei</translation>
    </message>
    <message>
        <source>Model hash</source>
        <translation>Modell-Hash</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>Seed</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>Schritte</translation>
    </message>
    <message>
        <source>Guidance</source>
        <translation>Guidance</translation>
    </message>
    <message>
        <source>Sampler</source>
        <translation>Sampler</translation>
    </message>
    <message>
        <source>Schedule</source>
        <translation>Zeitplan</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>Clip skip</source>
        <translation>Clip Skip</translation>
    </message>
    <message>
        <source>LoRAs</source>
        <translation>LoRAs</translation>
    </message>
    <message>
        <source>Strength</source>
        <translation>Stärke</translation>
    </message>
    <message>
        <source>Batch position</source>
        <translation>Position im Stapel</translation>
    </message>
    <message>
        <source>Precision</source>
        <translation>Genauigkeit</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>Made by</source>
        <translation>Erstellt mit</translation>
    </message>
    <message>
        <source>none that Easel can read</source>
        <translation>keines, das Easel lesen kann</translation>
    </message>
    <message>
        <source>Lineage</source>
        <translation>Herkunft</translation>
    </message>
    <message>
        <source>Source image</source>
        <translation>Quellbild</translation>
    </message>
    <message>
        <source>Mask</source>
        <translation>Maske</translation>
    </message>
    <message>
        <source>Merged character</source>
        <translation>Eingefügte Figur</translation>
    </message>
    <message>
        <source>Merged background</source>
        <translation>Hintergrund der Montage</translation>
    </message>
    <message>
        <source>Made from</source>
        <translation>Erstellt aus</translation>
    </message>
    <message>
        <source>Operations</source>
        <translation>Bearbeitungen</translation>
    </message>
    <message>
        <source>Quality</source>
        <translation>Qualität</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Datei</translation>
    </message>
    <message>
        <source>Path</source>
        <translation>Pfad</translation>
    </message>
    <message>
        <source>File size</source>
        <translation>Dateigröße</translation>
    </message>
    <message>
        <source>Modified</source>
        <translation>Geändert</translation>
    </message>
    <message>
        <source>Written by</source>
        <translation>Geschrieben von</translation>
    </message>
    <message>
        <source>Pixels</source>
        <translation>Pixel</translation>
    </message>
    <message>
        <source>SHA-256</source>
        <translation>SHA-256</translation>
    </message>
    <message>
        <source>nearly black</source>
        <translation>fast schwarz</translation>
    </message>
    <message>
        <source>nearly white</source>
        <translation>fast weiß</translation>
    </message>
    <message>
        <source>uniform</source>
        <translation>einfarbig</translation>
    </message>
    <message>
        <source>Flags</source>
        <translation>Befunde</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>Mean level</source>
        <translation>Mittlere Helligkeit</translation>
    </message>
    <message>
        <source>Deviation</source>
        <translation>Streuung</translation>
    </message>
    <message>
        <source>Rating</source>
        <translation>Bewertung</translation>
    </message>
    <message>
        <source>Flag</source>
        <translation>Markierung</translation>
    </message>
    <message>
        <source>picked</source>
        <translation>ausgewählt</translation>
    </message>
    <message>
        <source>rejected</source>
        <translation>verworfen</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Schlagwörter</translation>
    </message>
    <message>
        <source>Boards</source>
        <translation>Pinnwände</translation>
    </message>
    <message numerus="yes">
        <source>%n item(s)</source>
        <translation><numerusform>%n Eintrag</numerusform><numerusform>%n Einträge</numerusform></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>the file of that name differs from the source</source>
        <translation>die Datei dieses Namens unterscheidet sich von der Quelle</translation>
    </message>
    <message>
        <source>operations</source>
        <translation>Bearbeitungen</translation>
    </message>
    <message>
        <source>Step cache</source>
        <translation>Schritt-Cache</translation>
    </message>
    <message>
        <source>Retry of</source>
        <translation>Wiederholung von</translation>
    </message>
    <message>
        <source>When made</source>
        <translation>Bei der Erzeugung</translation>
    </message>
    <message>
        <source>unchecked</source>
        <translation>nicht geprüft</translation>
    </message>
    <message>
        <source>Token merging</source>
        <translation>Token-Merging</translation>
    </message>
</context>
<context>
    <name>easel::GalleryGroupModel</name>
    <message numerus="yes">
        <source>%1 · %n image(s)</source>
        <translation><numerusform>%1 · %n Bild</numerusform><numerusform>%1 · %n Bilder</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n variation(s) of this recipe (Enter or a double click opens the stack)</source>
        <translation><numerusform>%n Variante dieses Rezepts (Eingabetaste oder Doppelklick öffnet den Stapel)</numerusform><numerusform>%n Varianten dieses Rezepts (Eingabetaste oder Doppelklick öffnet den Stapel)</numerusform></translation>
    </message>
</context>
<context>
    <name>easel::GalleryIndex</name>
    <message>
        <source>Cannot open the gallery index %1: %2</source>
        <translation>Der Galerie-Index %1 kann nicht geöffnet werden: %2</translation>
    </message>
    <message>
        <source>Cannot create the folder of the gallery index %1</source>
        <translation>Der Ordner des Galerie-Index %1 kann nicht angelegt werden</translation>
    </message>
    <message>
        <source>The gallery index %1 is damaged (%2) and cannot be moved aside</source>
        <translation>Der Galerie-Index %1 ist beschädigt (%2) und kann nicht beiseitegelegt werden</translation>
    </message>
    <message>
        <source>Gallery index %1: %2</source>
        <translation>Galerie-Index %1: %2</translation>
    </message>
    <message>
        <source>%1 is not a folder</source>
        <translation>%1 ist kein Ordner</translation>
    </message>
    <message>
        <source>%1: no such file</source>
        <translation>%1: Datei existiert nicht</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>%1: a rating is 0 to 5, got %2</source>
        <translation>%1: eine Bewertung ist 0 bis 5, nicht %2</translation>
    </message>
    <message>
        <source>A board's name cannot contain '|': %1</source>
        <translation>Der Name einer Pinnwand darf kein „|“ enthalten: %1</translation>
    </message>
    <message>
        <source>Gallery index %1: the database is not open</source>
        <translation>Galerie-Index %1: Die Datenbank ist nicht geöffnet</translation>
    </message>
</context>
<context>
    <name>easel::GalleryModel</name>
    <message>
        <source>seed %1</source>
        <translation>Seed %1</translation>
    </message>
</context>
<context>
    <name>easel::GalleryPanel</name>
    <message>
        <source>Search: words, model:, seed:, rating:&gt;=4, pick:yes, -word</source>
        <translation>Suche: Wörter, model:, seed:, rating:&gt;=4, pick:yes, -wort</translation>
    </message>
    <message>
        <source>Words match the prompt; fields: model:, lora:, sampler:, tag:, seed:, steps:, cfg:&gt;7, size:512x768, date:2026-11, rating:&gt;=4, pick:yes, reject:no; -term excludes</source>
        <translation>Wörter werden im Prompt gesucht; Felder: model:, lora:, sampler:, tag:, seed:, steps:, cfg:&gt;7, size:512x768, date:2026-11, rating:&gt;=4, pick:yes, reject:no; -begriff schließt aus</translation>
    </message>
    <message>
        <source>Cannot create the output folder %1</source>
        <translation>Der Ausgabeordner %1 kann nicht angelegt werden</translation>
    </message>
    <message>
        <source>Images: %1</source>
        <translation>Bilder: %1</translation>
    </message>
    <message>
        <source>Found: %1</source>
        <translation>Gefunden: %1</translation>
    </message>
    <message>
        <source>Cannot move %1 to the trash (%2); it was not deleted</source>
        <translation>%1 kann nicht in den Papierkorb verschoben werden (%2); es wurde nicht gelöscht</translation>
    </message>
    <message>
        <source>%1 exists again, so its copy stays in the trash</source>
        <translation>%1 existiert wieder, daher bleibt die Kopie im Papierkorb</translation>
    </message>
    <message>
        <source>Cannot bring %1 back from the trash (%2)</source>
        <translation>%1 kann nicht aus dem Papierkorb zurückgeholt werden (%2)</translation>
    </message>
    <message>
        <source>picked</source>
        <translation>ausgewählt</translation>
    </message>
    <message>
        <source>rejected</source>
        <translation>verworfen</translation>
    </message>
    <message>
        <source>seed %1</source>
        <translation>Seed %1</translation>
    </message>
    <message>
        <source>%1 holds no recipe Easel can read</source>
        <translation>%1 enthält kein Rezept, das Easel lesen kann</translation>
    </message>
    <message>
        <source>Reuse</source>
        <translation>Wiederverwenden</translation>
    </message>
    <message>
        <source>Fill the recipe panel with this image's recipe</source>
        <translation>Das Rezept dieses Bildes in die Rezept-Leiste übernehmen</translation>
    </message>
    <message>
        <source>Regenerate (same seed)</source>
        <translation>Neu generieren (gleicher Seed)</translation>
    </message>
    <message>
        <source>Regenerate (new seed)</source>
        <translation>Neu generieren (neuer Seed)</translation>
    </message>
    <message>
        <source>Open Containing Folder</source>
        <translation>Enthaltenden Ordner öffnen</translation>
    </message>
    <message>
        <source>Copy Prompt</source>
        <translation>Prompt kopieren</translation>
    </message>
    <message>
        <source>Copy Seed</source>
        <translation>Seed kopieren</translation>
    </message>
    <message>
        <source>Move to Trash</source>
        <translation>In den Papierkorb verschieben</translation>
    </message>
    <message>
        <source>Undo Move to Trash</source>
        <translation>Rückgängig: In den Papierkorb verschieben</translation>
    </message>
    <message>
        <source>%1; the gallery uses a temporary index for now</source>
        <translation>%1; die Galerie nutzt vorerst einen temporären Index</translation>
    </message>
    <message>
        <source>Collections</source>
        <translation>Sammlungen</translation>
    </message>
    <message>
        <source>Show saved searches and boards</source>
        <translation>Gespeicherte Suchen und Pinnwände zeigen</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Einzelheiten</translation>
    </message>
    <message>
        <source>Show everything about the current image (I)</source>
        <translation>Alles über das aktuelle Bild zeigen (I)</translation>
    </message>
    <message>
        <source>No Grouping</source>
        <translation>Keine Gruppierung</translation>
    </message>
    <message>
        <source>By Day</source>
        <translation>Nach Tag</translation>
    </message>
    <message>
        <source>By Recipe</source>
        <translation>Nach Rezept</translation>
    </message>
    <message>
        <source>Group the images by day, or stack the variations of one recipe</source>
        <translation>Bilder nach Tag gruppieren oder die Varianten eines Rezepts stapeln</translation>
    </message>
    <message>
        <source>No rejected images here (X marks an image as rejected)</source>
        <translation>Hier gibt es keine verworfenen Bilder (X verwirft ein Bild)</translation>
    </message>
    <message numerus="yes">
        <source>Moved %n rejected image(s) to the trash; Ctrl+Z brings them back</source>
        <translation><numerusform>%n verworfenes Bild in den Papierkorb verschoben; Strg+Z holt es zurück</numerusform><numerusform>%n verworfene Bilder in den Papierkorb verschoben; Strg+Z holt sie zurück</numerusform></translation>
    </message>
    <message>
        <source>The model %1 cannot be read (%2): the image cannot be made again as it was</source>
        <translation>Das Modell %1 kann nicht gelesen werden (%2): das Bild kann nicht genauso wieder erstellt werden</translation>
    </message>
    <message>
        <source>The model %1 is not the file this image was made with (its hash is %2, the image's %3): the same seed will not give the same image</source>
        <translation>Das Modell %1 ist nicht die Datei, mit der dieses Bild erstellt wurde (sein Hash ist %2, der des Bildes %3): derselbe Seed ergibt nicht dasselbe Bild</translation>
    </message>
    <message numerus="yes">
        <source>Queued %n variation(s)</source>
        <translation><numerusform>%n Variante eingereiht</numerusform><numerusform>%n Varianten eingereiht</numerusform></translation>
    </message>
    <message>
        <source>Select two or more images to compare (Ctrl+click or Shift+click)</source>
        <translation>Zwei oder mehr Bilder zum Vergleichen auswählen (Strg+Klick oder Umschalt+Klick)</translation>
    </message>
    <message>
        <source>Save Search</source>
        <translation>Suche speichern</translation>
    </message>
    <message>
        <source>Name of the collection for "%1":</source>
        <translation>Name der Sammlung für „%1“:</translation>
    </message>
    <message>
        <source>%1 is not in the gallery</source>
        <translation>%1 ist nicht in der Galerie</translation>
    </message>
    <message>
        <source>Vary</source>
        <translation>Variieren</translation>
    </message>
    <message>
        <source>Next 4 Seeds</source>
        <translation>Nächste 4 Seeds</translation>
    </message>
    <message>
        <source>Next 8 Seeds</source>
        <translation>Nächste 8 Seeds</translation>
    </message>
    <message>
        <source>Guidance Sweep (−2 to +2)</source>
        <translation>Guidance-Reihe (−2 bis +2)</translation>
    </message>
    <message>
        <source>Steps Sweep (−10 to +10)</source>
        <translation>Schritte-Reihe (−10 bis +10)</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>Vergleichen</translation>
    </message>
    <message>
        <source>Boards</source>
        <translation>Pinnwände</translation>
    </message>
    <message>
        <source>New Board…</source>
        <translation>Neue Pinnwand …</translation>
    </message>
    <message>
        <source>New Board</source>
        <translation>Neue Pinnwand</translation>
    </message>
    <message>
        <source>Name of the board:</source>
        <translation>Name der Pinnwand:</translation>
    </message>
    <message>
        <source>Delete Rejects</source>
        <translation>Verworfene löschen</translation>
    </message>
    <message>
        <source>Move every rejected image shown to the trash (Ctrl+Z brings them back)</source>
        <translation>Alle gezeigten verworfenen Bilder in den Papierkorb verschieben (Strg+Z holt sie zurück)</translation>
    </message>
</context>
<context>
    <name>easel::GalleryQuery</name>
    <message>
        <source>unclosed quote in the search "%1"</source>
        <translation>nicht geschlossenes Anführungszeichen in der Suche "%1"</translation>
    </message>
    <message>
        <source>%1: expects a number, a comparison (&gt;7, &lt;=20) or a range (5..8), got "%2"</source>
        <translation>%1: erwartet eine Zahl, einen Vergleich (&gt;7, &lt;=20) oder einen Bereich (5..8), nicht "%2"</translation>
    </message>
    <message>
        <source>date: expects YYYY, YYYY-MM or YYYY-MM-DD, optionally with &gt;, &gt;=, &lt;, &lt;= or A..B, got "%1"</source>
        <translation>date: erwartet JJJJ, JJJJ-MM oder JJJJ-MM-TT, wahlweise mit &gt;, &gt;=, &lt;, &lt;= oder A..B, nicht "%1"</translation>
    </message>
    <message>
        <source>%1: expects yes or no, got "%2"</source>
        <translation>%1: erwartet yes oder no, nicht "%2"</translation>
    </message>
    <message>
        <source>%1: needs a value</source>
        <translation>%1: braucht einen Wert</translation>
    </message>
    <message>
        <source>size: expects WIDTHxHEIGHT, got "%1"</source>
        <translation>size: erwartet BREITExHÖHE, nicht "%1"</translation>
    </message>
    <message>
        <source>flag: expects black, white, uniform, nan, any, ok or unchecked, got "%1"</source>
        <translation>flag: erwartet black, white, uniform, nan, any, ok oder unchecked, erhalten: „%1“</translation>
    </message>
</context>
<context>
    <name>easel::GallerySidebar</name>
    <message>
        <source>Save Search</source>
        <translation>Suche speichern</translation>
    </message>
    <message>
        <source>Keep the current search in the side bar as a live collection</source>
        <translation>Die aktuelle Suche als lebende Sammlung in der Seitenleiste behalten</translation>
    </message>
    <message>
        <source>New Board</source>
        <translation>Neue Pinnwand</translation>
    </message>
    <message>
        <source>A board is a collection you fill by hand; an image can be on several</source>
        <translation>Eine Pinnwand ist eine Sammlung, die Sie von Hand füllen; ein Bild kann auf mehreren sein</translation>
    </message>
    <message>
        <source>Name of the board:</source>
        <translation>Name der Pinnwand:</translation>
    </message>
    <message>
        <source>Library</source>
        <translation>Bibliothek</translation>
    </message>
    <message>
        <source>All Images</source>
        <translation>Alle Bilder</translation>
    </message>
    <message>
        <source>Picks</source>
        <translation>Ausgewählte</translation>
    </message>
    <message>
        <source>Rated 4 or More</source>
        <translation>Mit 4 oder mehr bewertet</translation>
    </message>
    <message>
        <source>Rejects</source>
        <translation>Verworfene</translation>
    </message>
    <message>
        <source>Saved Searches</source>
        <translation>Gespeicherte Suchen</translation>
    </message>
    <message>
        <source>Boards</source>
        <translation>Pinnwände</translation>
    </message>
    <message>
        <source>Remove Saved Search</source>
        <translation>Gespeicherte Suche entfernen</translation>
    </message>
    <message>
        <source>Remove Board</source>
        <translation>Pinnwand entfernen</translation>
    </message>
</context>
<context>
    <name>easel::GenerationJob</name>
    <message>
        <source>(no prompt)</source>
        <translation>(kein Prompt)</translation>
    </message>
    <message>
        <source>no output file or folder given</source>
        <translation>keine Ausgabedatei und kein Ausgabeordner angegeben</translation>
    </message>
    <message>
        <source>%1: the output must be a .png file (it carries the recipe)</source>
        <translation>%1: die Ausgabe muss eine .png-Datei sein (sie trägt das Rezept)</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>abgebrochen</translation>
    </message>
    <message>
        <source>Previews were approximate: %1</source>
        <translation>Vorschauen waren nur angenähert: %1</translation>
    </message>
    <message>
        <source>%1: has no tensor named 'latents'</source>
        <translation>%1: enthält keinen Tensor namens 'latents'</translation>
    </message>
    <message>
        <source>%1: 'latents' must be a float NCHW tensor</source>
        <translation>%1: 'latents' muss ein Float-Tensor in NCHW sein</translation>
    </message>
    <message>
        <source>TAESD previews need the %1 decoder: fetch it once (easel-cli fetch %1) or choose its file</source>
        <translation>TAESD-Vorschauen brauchen den Decoder %1: einmal herunterladen (easel-cli fetch %1) oder seine Datei wählen</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>not a safetensors file</source>
        <translation>keine safetensors-Datei</translation>
    </message>
    <message>
        <source>%1 was flagged; made again with seed %2</source>
        <translation>%1 wurde markiert; mit Seed %2 neu erzeugt</translation>
    </message>
</context>
<context>
    <name>easel::ImageDropArea</name>
    <message>
        <source>Drop an image here (or click to choose one) to start from it: image to image</source>
        <translation>Ein Bild hier ablegen (oder klicken, um eines zu wählen), um davon auszugehen: Bild zu Bild</translation>
    </message>
    <message>
        <source>No source image (text to image)</source>
        <translation>Kein Ausgangsbild (Text zu Bild)</translation>
    </message>
    <message>
        <source>%1 is not a readable image: %2</source>
        <translation>%1 ist kein lesbares Bild: %2</translation>
    </message>
    <message>
        <source>Drop a source image here</source>
        <translation>Ausgangsbild hier ablegen</translation>
    </message>
    <message>
        <source>Source image</source>
        <translation>Ausgangsbild</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.webp *.bmp)</source>
        <translation>Bilder (*.png *.jpg *.jpeg *.webp *.bmp)</translation>
    </message>
</context>
<context>
    <name>easel::ImageMetadata</name>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
</context>
<context>
    <name>easel::ImageRecipe</name>
    <message>
        <source>%1 must be from %2 to %3, not %4</source>
        <translation>%1 muss zwischen %2 und %3 liegen, nicht %4</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>Schritte</translation>
    </message>
    <message>
        <source>Width</source>
        <translation>Breite</translation>
    </message>
    <message>
        <source>Height</source>
        <translation>Höhe</translation>
    </message>
    <message>
        <source>%1 must be a multiple of %2 from %3 to %4, not %5</source>
        <translation>%1 muss ein Vielfaches von %2 zwischen %3 und %4 sein, nicht %5</translation>
    </message>
    <message>
        <source>The seed must not be negative</source>
        <translation>Der Seed darf nicht negativ sein</translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation>Batch-Größe</translation>
    </message>
    <message>
        <source>Batch count</source>
        <translation>Batch-Anzahl</translation>
    </message>
    <message>
        <source>Clip skip</source>
        <translation>CLIP-Skip</translation>
    </message>
    <message>
        <source>The img2img strength must be above %1 and at most %2, not %3</source>
        <translation>Die img2img-Stärke muss über %1 und höchstens %2 sein, nicht %3</translation>
    </message>
    <message>
        <source>A1111 parameters: the text is empty</source>
        <translation>A1111-Parameter: der Text ist leer</translation>
    </message>
    <message>
        <source>Easel metadata: 'format_version' is missing</source>
        <translation>Easel-Metadaten: 'format_version' fehlt</translation>
    </message>
    <message>
        <source>Easel metadata: 'format_version' must be a positive integer</source>
        <translation>Easel-Metadaten: 'format_version' muss eine positive ganze Zahl sein</translation>
    </message>
    <message>
        <source>Easel metadata: format_version %1 is newer than this Easel reads (%2)</source>
        <translation>Easel-Metadaten: format_version %1 ist neuer als das, was dieses Easel liest (%2)</translation>
    </message>
    <message>
        <source>Easel metadata: 'prompt' must be a string</source>
        <translation>Easel-Metadaten: 'prompt' muss eine Zeichenkette sein</translation>
    </message>
    <message>
        <source>Easel metadata: not valid JSON at offset %1: %2</source>
        <translation>Easel-Metadaten: kein gültiges JSON an Position %1: %2</translation>
    </message>
    <message>
        <source>Easel metadata: the top level must be an object</source>
        <translation>Easel-Metadaten: die oberste Ebene muss ein Objekt sein</translation>
    </message>
    <message>
        <source>must be a string</source>
        <translation>muss eine Zeichenkette sein</translation>
    </message>
    <message>
        <source>must be a number</source>
        <translation>muss eine Zahl sein</translation>
    </message>
    <message>
        <source>must be an integer from %1 to %2</source>
        <translation>muss eine ganze Zahl von %1 bis %2 sein</translation>
    </message>
    <message>
        <source>has an unknown value '%1'</source>
        <translation>hat einen unbekannten Wert '%1'</translation>
    </message>
    <message>
        <source>Easel metadata: '%1' %2</source>
        <translation>Easel-Metadaten: '%1' %2</translation>
    </message>
    <message>
        <source>must be an object</source>
        <translation>muss ein Objekt sein</translation>
    </message>
    <message>
        <source>values must be strings</source>
        <translation>Werte müssen Zeichenketten sein</translation>
    </message>
    <message>
        <source>must be from 0 to 1</source>
        <translation>muss zwischen 0 und 1 liegen</translation>
    </message>
    <message>
        <source>must be 64 lowercase hex digits</source>
        <translation>muss aus 64 kleingeschriebenen Hex-Ziffern bestehen</translation>
    </message>
    <message>
        <source>A1111 parameters: '%1' %2, got '%3'</source>
        <translation>A1111-Parameter: '%1' %2, nicht '%3'</translation>
    </message>
    <message>
        <source>must be a whole number from 1 to 10000</source>
        <translation>muss eine ganze Zahl von 1 bis 10000 sein</translation>
    </message>
    <message>
        <source>must be a whole number</source>
        <translation>muss eine ganze Zahl sein</translation>
    </message>
    <message>
        <source>must be WIDTHxHEIGHT</source>
        <translation>muss BREITExHÖHE sein</translation>
    </message>
    <message>
        <source>must be a number from 0 to 1</source>
        <translation>muss eine Zahl von 0 bis 1 sein</translation>
    </message>
    <message>
        <source>must be a whole number from 1 to 12</source>
        <translation>muss eine ganze Zahl von 1 bis 12 sein</translation>
    </message>
    <message>
        <source>must be a list of {path, weight} objects</source>
        <translation>muss eine Liste von {path, weight}-Objekten sein</translation>
    </message>
    <message>
        <source>must be a list of {name, hash} objects</source>
        <translation>muss eine Liste von {name, hash}-Objekten sein</translation>
    </message>
    <message>
        <source>Mask blur</source>
        <translation>Maskenunschärfe</translation>
    </message>
    <message>
        <source>Mask grow</source>
        <translation>Maskenerweiterung</translation>
    </message>
    <message>
        <source>must be a whole number from %1 to %2</source>
        <translation>muss eine ganze Zahl von %1 bis %2 sein</translation>
    </message>
    <message>
        <source>must be a list of 'name: hash'</source>
        <translation>muss eine Liste von 'Name: Hash' sein</translation>
    </message>
    <message>
        <source>Step cache</source>
        <translation>Schritt-Cache</translation>
    </message>
    <message>
        <source>must be a number from %1 to %2</source>
        <translation>muss eine Zahl von %1 bis %2 sein</translation>
    </message>
    <message>
        <source>Guidance</source>
        <translation>Guidance</translation>
    </message>
    <message>
        <source>Token merging</source>
        <translation>Token-Merging</translation>
    </message>
</context>
<context>
    <name>easel::ImageSlot</name>
    <message>
        <source>Drop an image here or choose one with Open</source>
        <translation>Ein Bild hier ablegen oder mit Öffnen eines wählen</translation>
    </message>
    <message>
        <source>Open...</source>
        <translation>Öffnen...</translation>
    </message>
    <message>
        <source>Loading %1...</source>
        <translation>%1 wird geladen...</translation>
    </message>
    <message>
        <source>Choose an image</source>
        <translation>Bild wählen</translation>
    </message>
</context>
<context>
    <name>easel::ImageToolJob</name>
    <message>
        <source>Enhance %1</source>
        <translation>%1 verbessern</translation>
    </message>
    <message>
        <source>Merge %1</source>
        <translation>%1 zusammenfügen</translation>
    </message>
    <message>
        <source>Attribute %1</source>
        <translation>%1 kennzeichnen</translation>
    </message>
    <message>
        <source>%1 needs %2 input image(s)</source>
        <translation>%1 braucht %2 Eingabebild(er)</translation>
    </message>
    <message>
        <source>unknown image tool '%1'</source>
        <translation>unbekanntes Bildwerkzeug '%1'</translation>
    </message>
    <message>
        <source>Apply chain %1</source>
        <translation>Kette anwenden: %1</translation>
    </message>
    <message>
        <source>merge: %1</source>
        <translation>Zusammenfügen: %1</translation>
    </message>
</context>
<context>
    <name>easel::ImageWriter</name>
    <message>
        <source>cannot save images in %1: %2</source>
        <translation>Bilder können nicht in %1 gespeichert werden: %2</translation>
    </message>
</context>
<context>
    <name>easel::Job</name>
    <message>
        <source>unknown kind of job '%1'</source>
        <translation>unbekannte Auftragsart '%1'</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>Wartet</translation>
    </message>
    <message>
        <source>Loading the model</source>
        <translation>Modell wird geladen</translation>
    </message>
    <message>
        <source>Encoding the prompt</source>
        <translation>Prompt wird kodiert</translation>
    </message>
    <message>
        <source>Sampling</source>
        <translation>Entrauschen</translation>
    </message>
    <message>
        <source>Decoding</source>
        <translation>Dekodieren</translation>
    </message>
    <message>
        <source>Processing</source>
        <translation>Verarbeitung</translation>
    </message>
    <message>
        <source>Saving</source>
        <translation>Speichern</translation>
    </message>
    <message>
        <source>Queued</source>
        <translation>Eingereiht</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>Läuft</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Fertig</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Abgebrochen</translation>
    </message>
    <message>
        <source>Interrupted</source>
        <translation>Unterbrochen</translation>
    </message>
</context>
<context>
    <name>easel::JobQueue</name>
    <message>
        <source>cancelled before it started</source>
        <translation>vor dem Start abgebrochen</translation>
    </message>
</context>
<context>
    <name>easel::LargeImageView</name>
    <message>
        <source>Space or a click goes back to the grid</source>
        <translation>Leertaste oder ein Klick führt zurück zum Raster</translation>
    </message>
</context>
<context>
    <name>easel::LoraPicker</name>
    <message>
        <source>Choose a LoRA to add</source>
        <translation>LoRA zum Hinzufügen wählen</translation>
    </message>
    <message>
        <source>LoRA files of the LoRA folders; those made for another kind of model are greyed</source>
        <translation>LoRA-Dateien der LoRA-Ordner; die für eine andere Art Modell sind ausgegraut</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Hinzufügen</translation>
    </message>
    <message>
        <source>Put the chosen LoRA on the stack</source>
        <translation>Die gewählte LoRA in den Stapel legen</translation>
    </message>
    <message>
        <source>Look for LoRA files again</source>
        <translation>Erneut nach LoRA-Dateien suchen</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <source>Made for %1 models; the selected model is %2.</source>
        <translation>Für %1-Modelle gemacht; das gewählte Modell ist %2.</translation>
    </message>
    <message>
        <source>Trigger words: %1</source>
        <translation>Auslösewörter: %1</translation>
    </message>
    <message>
        <source>No LoRA folder is set.</source>
        <translation>Kein LoRA-Ordner festgelegt.</translation>
    </message>
    <message>
        <source>No LoRA files in %1 yet: put kohya/A1111 LoRAs (.safetensors) there, then press the reload button beside Add.</source>
        <translation>Noch keine LoRA-Dateien in %1: kohya/A1111-LoRAs (.safetensors) dort ablegen, dann die Schaltfläche zum Neuladen neben Hinzufügen drücken.</translation>
    </message>
    <message>
        <source>Strength of this LoRA on the model and its text encoder (1: as trained)</source>
        <translation>Stärke dieser LoRA auf das Modell und seinen Text-Encoder (1: wie trainiert)</translation>
    </message>
    <message>
        <source>Take this LoRA off the stack</source>
        <translation>Diese LoRA aus dem Stapel nehmen</translation>
    </message>
    <message>
        <source>%1 is not there any more.</source>
        <translation>%1 ist nicht mehr da.</translation>
    </message>
    <message>
        <source>Left out of the image while it does not fit.</source>
        <translation>Bleibt beim Bild außen vor, solange sie nicht passt.</translation>
    </message>
    <message>
        <source>LoRA %1 left out: %2</source>
        <translation>LoRA %1 weggelassen: %2</translation>
    </message>
</context>
<context>
    <name>easel::LoraStack</name>
    <message>
        <source>LoRA stack: at most %1 LoRAs; left out: %2</source>
        <translation>LoRA-Stapel: höchstens %1 LoRAs; weggelassen: %2</translation>
    </message>
</context>
<context>
    <name>easel::MainWindow</name>
    <message>
        <source>Easel</source>
        <translation>Easel</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>Bereit</translation>
    </message>
    <message numerus="yes">
        <source>%n s</source>
        <translation><numerusform>%n s</numerusform><numerusform>%n s</numerusform></translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 min %2 s</translation>
    </message>
    <message>
        <source>&amp;Generate</source>
        <translation>&amp;Generieren</translation>
    </message>
    <message>
        <source>Queue this recipe at the back of the queue</source>
        <translation>Dieses Rezept hinten in die Warteschlange stellen</translation>
    </message>
    <message>
        <source>Generate &amp;Next</source>
        <translation>Als &amp;Nächstes generieren</translation>
    </message>
    <message>
        <source>Queue this recipe at the front, before the waiting jobs</source>
        <translation>Dieses Rezept vorne einreihen, vor den wartenden Aufträgen</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>&amp;Abbrechen</translation>
    </message>
    <message>
        <source>&amp;Pause After Current Job</source>
        <translation>&amp;Pause nach dem aktuellen Auftrag</translation>
    </message>
    <message>
        <source>&amp;Models...</source>
        <translation>&amp;Modelle...</translation>
    </message>
    <message>
        <source>Add, describe, download and choose models</source>
        <translation>Modelle hinzufügen, beschreiben, herunterladen und wählen</translation>
    </message>
    <message>
        <source>&amp;Open Image Recipe...</source>
        <translation>Rezept aus Bild &amp;öffnen...</translation>
    </message>
    <message>
        <source>&amp;Free Model Memory</source>
        <translation>Modell&amp;speicher freigeben</translation>
    </message>
    <message>
        <source>Unload the models kept in memory (the next generation loads its model again)</source>
        <translation>Die im Speicher gehaltenen Modelle entladen (die nächste Generierung lädt ihr Modell neu)</translation>
    </message>
    <message>
        <source>Freed %1 GiB of model memory</source>
        <translation>%1 GiB Modellspeicher freigegeben</translation>
    </message>
    <message>
        <source>&amp;Settings...</source>
        <translation>&amp;Einstellungen...</translation>
    </message>
    <message>
        <source>Zoom &amp;In</source>
        <translation>Ver&amp;größern</translation>
    </message>
    <message>
        <source>Zoom &amp;Out</source>
        <translation>Ver&amp;kleinern</translation>
    </message>
    <message>
        <source>&amp;Fit to Window</source>
        <translation>In Fenster &amp;einpassen</translation>
    </message>
    <message>
        <source>&amp;Actual Size (1:1)</source>
        <translation>&amp;Originalgröße (1:1)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;About Easel</source>
        <translation>&amp;Über Easel</translation>
    </message>
    <message>
        <source>Idle</source>
        <translation>Leerlauf</translation>
    </message>
    <message>
        <source>Generate</source>
        <translation>Generieren</translation>
    </message>
    <message>
        <source>Queue this recipe (Ctrl+Enter; Shift+Ctrl+Enter queues it first)</source>
        <translation>Dieses Rezept einreihen (Strg+Eingabe; Umschalt+Strg+Eingabe reiht es als Erstes ein)</translation>
    </message>
    <message>
        <source>Recipe</source>
        <translation>Rezept</translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>Warteschlange</translation>
    </message>
    <message>
        <source>The queue will not be kept after Easel closes: %1</source>
        <translation>Die Warteschlange wird nach dem Schließen von Easel nicht erhalten: %1</translation>
    </message>
    <message>
        <source>Easel stopped while a job was running: that job is marked interrupted and the queue is paused. Retry it or resume the queue when you are ready.</source>
        <translation>Easel wurde während eines laufenden Auftrags beendet: Dieser Auftrag ist als unterbrochen markiert und die Warteschlange angehalten. Wiederholen Sie ihn oder setzen Sie die Warteschlange fort, wenn Sie so weit sind.</translation>
    </message>
    <message numerus="yes">
        <source>Queued: %n job(s) waiting</source>
        <translation><numerusform>Eingereiht: %n Auftrag wartet</numerusform><numerusform>Eingereiht: %n Aufträge warten</numerusform></translation>
    </message>
    <message>
        <source>Starting</source>
        <translation>Wird gestartet</translation>
    </message>
    <message>
        <source>%1 holds no recipe Easel can read (no Easel or A1111 parameters).</source>
        <translation>%1 enthält kein Rezept, das Easel lesen kann (keine Easel- oder A1111-Parameter).</translation>
    </message>
    <message>
        <source>Recipe of %1 loaded</source>
        <translation>Rezept von %1 geladen</translation>
    </message>
    <message>
        <source>Demo model (random weights: abstract noise)</source>
        <translation>Demo-Modell (Zufallsgewichte: abstraktes Rauschen)</translation>
    </message>
    <message>
        <source>Easel's tiny bundled model. Its weights are random, so it makes coloured noise: add a real model to make pictures.</source>
        <translation>Das winzige mitgelieferte Modell von Easel. Seine Gewichte sind zufällig, daher erzeugt es farbiges Rauschen: Fügen Sie ein echtes Modell hinzu, um Bilder zu machen.</translation>
    </message>
    <message>
        <source>%1 does not exist.</source>
        <translation>%1 existiert nicht.</translation>
    </message>
    <message>
        <source>Open an image's recipe</source>
        <translation>Rezept eines Bildes öffnen</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG-Bilder (*.png)</translation>
    </message>
    <message>
        <source>Cancelling...</source>
        <translation>Wird abgebrochen...</translation>
    </message>
    <message>
        <source>Starting: %1</source>
        <translation>Startet: %1</translation>
    </message>
    <message>
        <source>Sampling: step %1 of %2</source>
        <translation>Entrauschen: Schritt %1 von %2</translation>
    </message>
    <message>
        <source>batch %1 of %2</source>
        <translation>Batch %1 von %2</translation>
    </message>
    <message>
        <source>%1 left</source>
        <translation>noch %1</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Abgebrochen</translation>
    </message>
    <message numerus="yes">
        <source>Saved %n image(s) to %1</source>
        <translation><numerusform>%n Bild gespeichert in %1</numerusform><numerusform>%n Bilder gespeichert in %1</numerusform></translation>
    </message>
    <message>
        <source>Write a prompt and press Generate (Ctrl+Enter).
Each step shows here as it forms.</source>
        <translation>Schreiben Sie einen Prompt und drücken Sie Generieren (Strg+Eingabe).
Jeder Schritt erscheint hier, während das Bild entsteht.</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <source>Gallery</source>
        <translation>Galerie</translation>
    </message>
    <message>
        <source>&amp;Undo Move to Trash</source>
        <translation>&amp;Rückgängig: In den Papierkorb verschieben</translation>
    </message>
    <message>
        <source>The demo model is selected: its weights are random, so it makes abstract coloured noise. To make pictures, add a real model (File &gt; Models...): a Stable Diffusion 1.x, 2.x or SDXL .safetensors checkpoint or a diffusers folder.</source>
        <translation>Das Demo-Modell ist ausgewählt: Seine Gewichte sind zufällig, daher erzeugt es abstraktes farbiges Rauschen. Um Bilder zu machen, fügen Sie ein echtes Modell hinzu (Datei &gt; Modelle...): einen Stable-Diffusion-1.x-, -2.x- oder -SDXL-Checkpoint (.safetensors) oder einen diffusers-Ordner.</translation>
    </message>
    <message>
        <source>&amp;Export Images...</source>
        <translation>Bilder e&amp;xportieren...</translation>
    </message>
    <message>
        <source>Save the selected gallery images (or the one shown) as PNG, JPEG or WebP</source>
        <translation>Die in der Galerie gewählten Bilder (oder das angezeigte) als PNG, JPEG oder WebP speichern</translation>
    </message>
    <message>
        <source>Enhance</source>
        <translation>Verbessern</translation>
    </message>
    <message>
        <source>Merge</source>
        <translation>Zusammenfügen</translation>
    </message>
    <message>
        <source>Attribute</source>
        <translation>Kennzeichnen</translation>
    </message>
    <message>
        <source>Finishing</source>
        <translation>Fertigstellen</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Rückgängig</translation>
    </message>
    <message>
        <source>Fast preset undone: the sampling settings are back</source>
        <translation>Schnell-Vorgabe rückgängig: die Sampling-Einstellungen sind zurück</translation>
    </message>
    <message>
        <source>Cannot make the folder %1 for the mask.</source>
        <translation>Der Ordner %1 für die Maske kann nicht angelegt werden.</translation>
    </message>
    <message>
        <source>The recipe's mask %1 is not there any more: paint it again.</source>
        <translation>Die Maske %1 des Rezepts ist nicht mehr da: bitte neu malen.</translation>
    </message>
    <message>
        <source>Storyboard</source>
        <translation>Storyboard</translation>
    </message>
    <message>
        <source>Compose</source>
        <translation>Komponieren</translation>
    </message>
    <message>
        <source>&amp;Compose Character and Background...</source>
        <translation>Figur und Hintergrund &amp;komponieren...</translation>
    </message>
    <message>
        <source>Two prompts, one job: a character, a background and the two merged</source>
        <translation>Zwei Prompts, ein Auftrag: eine Figur, ein Hintergrund und beide zusammengefügt</translation>
    </message>
</context>
<context>
    <name>easel::MaskLayer</name>
    <message>
        <source>Erase</source>
        <translation>Radieren</translation>
    </message>
    <message>
        <source>Paint</source>
        <translation>Malen</translation>
    </message>
    <message>
        <source>Clear mask</source>
        <translation>Maske leeren</translation>
    </message>
</context>
<context>
    <name>easel::MaskToolBar</name>
    <message>
        <source>Paint Mask</source>
        <translation>Maske malen</translation>
    </message>
    <message>
        <source>Paint over the start image what to redraw (inpainting); the rest is kept. Off: the canvas shows the results again</source>
        <translation>Auf das Ausgangsbild malen, was neu gezeichnet wird (Inpainting); der Rest bleibt. Aus: Die Leinwand zeigt wieder die Ergebnisse</translation>
    </message>
    <message>
        <source>Brush</source>
        <translation>Pinsel</translation>
    </message>
    <message>
        <source>Paint the area to redraw</source>
        <translation>Den neu zu zeichnenden Bereich malen</translation>
    </message>
    <message>
        <source>Eraser</source>
        <translation>Radierer</translation>
    </message>
    <message>
        <source>Erase from the mask: keep that area</source>
        <translation>Aus der Maske radieren: diesen Bereich behalten</translation>
    </message>
    <message>
        <source> px</source>
        <translation> px</translation>
    </message>
    <message>
        <source>Brush diameter in pixels of the start image</source>
        <translation>Pinseldurchmesser in Pixeln des Ausgangsbilds</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Rückgängig</translation>
    </message>
    <message>
        <source>Undo the last mask stroke (Ctrl+Z on the canvas)</source>
        <translation>Letzten Maskenstrich rückgängig machen (Strg+Z auf der Leinwand)</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>Wiederholen</translation>
    </message>
    <message>
        <source>Redo the mask stroke undone last (Ctrl+Shift+Z on the canvas)</source>
        <translation>Zuletzt rückgängig gemachten Maskenstrich wiederholen (Strg+Umschalt+Z auf der Leinwand)</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Leeren</translation>
    </message>
    <message>
        <source>Remove the mask: the whole image is redrawn</source>
        <translation>Maske entfernen: das ganze Bild wird neu gezeichnet</translation>
    </message>
    <message>
        <source>No mask: the whole start image is redrawn</source>
        <translation>Keine Maske: das ganze Ausgangsbild wird neu gezeichnet</translation>
    </message>
    <message>
        <source>Mask: only the painted area is redrawn</source>
        <translation>Maske: nur der bemalte Bereich wird neu gezeichnet</translation>
    </message>
</context>
<context>
    <name>easel::MergeCanvas</name>
    <message>
        <source>Drag the figure to move it; turn the wheel to scale it</source>
        <translation>Die Figur ziehen, um sie zu verschieben; am Mausrad drehen, um sie zu skalieren</translation>
    </message>
    <message>
        <source>Paint over the cut-out: keep (green) marks the figure, remove (red) the backdrop</source>
        <translation>Über den Freisteller malen: Behalten (grün) markiert die Figur, Entfernen (rot) den Hintergrund</translation>
    </message>
</context>
<context>
    <name>easel::MergePanel</name>
    <message>
        <source>Character: drop an image</source>
        <translation>Figur: Bild ablegen</translation>
    </message>
    <message>
        <source>Background: drop an image</source>
        <translation>Hintergrund: Bild ablegen</translation>
    </message>
    <message>
        <source>Default place</source>
        <translation>Standardposition</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>Anwenden</translation>
    </message>
    <message>
        <source>Choose a character (its backdrop is cut away) and a background</source>
        <translation>Eine Figur (ihr Hintergrund wird ausgeschnitten) und einen Hintergrund wählen</translation>
    </message>
    <message>
        <source>Cut-out</source>
        <translation>Freisteller</translation>
    </message>
    <message>
        <source>Show the cut-out figure over a checkerboard</source>
        <translation>Die freigestellte Figur über einem Schachbrettmuster zeigen</translation>
    </message>
    <message>
        <source>The middle of the right half, feet on the bottom edge, full height</source>
        <translation>Mitte der rechten Hälfte, Füße am unteren Rand, volle Höhe</translation>
    </message>
    <message>
        <source>1: the character's whole image as tall as the output. Or turn the wheel on the canvas</source>
        <translation>1: das ganze Bild der Figur so hoch wie die Ausgabe. Oder auf der Leinwand am Mausrad drehen</translation>
    </message>
    <message>
        <source> x</source>
        <translation> x</translation>
    </message>
    <message>
        <source>How far the figure's colours move towards the background's: 0 none, 1 full</source>
        <translation>Wie weit sich die Farben der Figur denen des Hintergrunds annähern: 0 gar nicht, 1 ganz</translation>
    </message>
    <message>
        <source>Feathering of the figure's edge in character pixels; auto: about 0.2% of its size</source>
        <translation>Weiche Kante der Figur in Pixeln der Figur; auto: etwa 0,2 % ihrer Größe</translation>
    </message>
    <message>
        <source>auto</source>
        <translation>auto</translation>
    </message>
    <message>
        <source> px</source>
        <translation> px</translation>
    </message>
    <message>
        <source>Figure size</source>
        <translation>Figurgröße</translation>
    </message>
    <message>
        <source>Harmonise colours</source>
        <translation>Farben angleichen</translation>
    </message>
    <message>
        <source>Edge softness</source>
        <translation>Kantenweichheit</translation>
    </message>
    <message>
        <source>Output size</source>
        <translation>Ausgabegröße</translation>
    </message>
    <message>
        <source>Queued: %1</source>
        <translation>Eingereiht: %1</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>Gespeichert: %1</translation>
    </message>
    <message>
        <source>Cutting out %1...</source>
        <translation>%1 wird freigestellt...</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Figure cut out of %1 in %2 ms</source>
        <translation>Figur aus %1 in %2 ms freigestellt</translation>
    </message>
    <message>
        <source>Merge at full size into a new file beside the character (queued)</source>
        <translation>In voller Größe in eine neue Datei neben der Figur zusammenfügen (als Auftrag)</translation>
    </message>
    <message>
        <source>Keep</source>
        <translation>Behalten</translation>
    </message>
    <message>
        <source>Paint over parts of the figure that were cut away</source>
        <translation>Über Teile der Figur malen, die weggeschnitten wurden</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>Paint over backdrop that was kept with the figure</source>
        <translation>Über Hintergrund malen, der mit der Figur behalten wurde</translation>
    </message>
    <message>
        <source>Brush radius in character pixels</source>
        <translation>Pinselradius in Pixeln des Figurbilds</translation>
    </message>
    <message>
        <source>Undo stroke</source>
        <translation>Strich zurücknehmen</translation>
    </message>
    <message>
        <source>Take back the last stroke</source>
        <translation>Den letzten Strich zurücknehmen</translation>
    </message>
    <message>
        <source>Clear strokes</source>
        <translation>Striche löschen</translation>
    </message>
    <message>
        <source>Take back every stroke: the cut-out as it was found</source>
        <translation>Alle Striche zurücknehmen: der Freisteller wie gefunden</translation>
    </message>
    <message>
        <source>Brush:</source>
        <translation>Pinsel:</translation>
    </message>
</context>
<context>
    <name>easel::MessageBar</name>
    <message>
        <source>Hide this message</source>
        <translation>Diese Meldung ausblenden</translation>
    </message>
</context>
<context>
    <name>easel::ModelService</name>
    <message>
        <source>this build of libtorch has no usable CUDA device</source>
        <translation>dieser libtorch-Build hat kein nutzbares CUDA-Gerät</translation>
    </message>
</context>
<context>
    <name>easel::ModelsDialog</name>
    <message>
        <source>Models</source>
        <translation>Modelle</translation>
    </message>
    <message>
        <source>Add file...</source>
        <translation>Datei hinzufügen...</translation>
    </message>
    <message>
        <source>Add diffusers folder...</source>
        <translation>diffusers-Ordner hinzufügen...</translation>
    </message>
    <message>
        <source>Remove from list</source>
        <translation>Aus der Liste entfernen</translation>
    </message>
    <message>
        <source>Removes the model from Easel's list; its files stay where they are.</source>
        <translation>Entfernt das Modell aus der Liste von Easel; seine Dateien bleiben, wo sie sind.</translation>
    </message>
    <message>
        <source>Open models folder</source>
        <translation>Modellordner öffnen</translation>
    </message>
    <message>
        <source>Use this model</source>
        <translation>Dieses Modell verwenden</translation>
    </message>
    <message>
        <source>Downloads</source>
        <translation>Downloads</translation>
    </message>
    <message>
        <source>Models folder: %1</source>
        <translation>Modellordner: %1</translation>
    </message>
    <message>
        <source>Bundled</source>
        <translation>Mitgeliefert</translation>
    </message>
    <message>
        <source>Demo model (random weights: abstract noise)</source>
        <translation>Demo-Modell (Zufallsgewichte: abstraktes Rauschen)</translation>
    </message>
    <message>
        <source>Your models</source>
        <translation>Eigene Modelle</translation>
    </message>
    <message>
        <source>%1 (missing)</source>
        <translation>%1 (fehlt)</translation>
    </message>
    <message>
        <source>In the models folder</source>
        <translation>Im Modellordner</translation>
    </message>
    <message>
        <source>Reading %1...</source>
        <translation>%1 wird gelesen...</translation>
    </message>
    <message>
        <source>Easel cannot use this model: %1</source>
        <translation>Easel kann dieses Modell nicht verwenden: %1</translation>
    </message>
    <message>
        <source>Easel's bundled demo model: the real Stable Diffusion 1.5 architecture with tiny random weights, for trying every part of Easel on any machine. Its pictures are abstract noise; for real pictures, add or download a model.</source>
        <translation>Das mitgelieferte Demo-Modell von Easel: die echte Architektur von Stable Diffusion 1.5 mit winzigen Zufallsgewichten, um jeden Teil von Easel auf jedem Rechner auszuprobieren. Seine Bilder sind abstraktes Rauschen; für echte Bilder fügen Sie ein Modell hinzu oder laden eines herunter.</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>Ort</translation>
    </message>
    <message>
        <source>Layout</source>
        <translation>Format</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>a standalone VAE, not a whole model: Easel cannot generate with it alone</source>
        <translation>ein einzelnes VAE, kein ganzes Modell: Easel kann damit allein nicht generieren</translation>
    </message>
    <message>
        <source>Architecture</source>
        <translation>Architektur</translation>
    </message>
    <message>
        <source>%1, inpainting</source>
        <translation>%1, Inpainting</translation>
    </message>
    <message>
        <source>Prediction</source>
        <translation>Vorhersage</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>v-prediction</source>
        <translation>v-prediction</translation>
    </message>
    <message>
        <source>epsilon</source>
        <translation>epsilon</translation>
    </message>
    <message>
        <source>Weights</source>
        <translation>Gewichte</translation>
    </message>
    <message>
        <source>%1 parameters, stored as %2</source>
        <translation>%1 Parameter, gespeichert als %2</translation>
    </message>
    <message>
        <source>Size on disk</source>
        <translation>Größe auf der Festplatte</translation>
    </message>
    <message>
        <source>the GPU (CUDA)</source>
        <translation>der GPU (CUDA)</translation>
    </message>
    <message>
        <source>the CPU</source>
        <translation>der CPU</translation>
    </message>
    <message>
        <source>Memory to run</source>
        <translation>Speicherbedarf</translation>
    </message>
    <message>
        <source>about %1 for the weights in %2 on %3, plus working memory that grows with the image size</source>
        <translation>etwa %1 für die Gewichte in %2 auf %3, plus Arbeitsspeicher, der mit der Bildgröße wächst</translation>
    </message>
    <message>
        <source>Licence</source>
        <translation>Lizenz</translation>
    </message>
    <message>
        <source>MIT: random weights made for Easel, no use restrictions</source>
        <translation>MIT: Zufallsgewichte für Easel, keine Nutzungsbeschränkungen</translation>
    </message>
    <message>
        <source>Use</source>
        <translation>Nutzung</translation>
    </message>
    <message>
        <source>Components</source>
        <translation>Komponenten</translation>
    </message>
    <message>
        <source>%1 parameters</source>
        <translation>%1 Parameter</translation>
    </message>
    <message>
        <source>Note: %1</source>
        <translation>Hinweis: %1</translation>
    </message>
    <message>
        <source>Stable Diffusion checkpoints (*.safetensors)</source>
        <translation>Stable-Diffusion-Checkpoints (*.safetensors)</translation>
    </message>
    <message>
        <source>Add a model file</source>
        <translation>Modelldatei hinzufügen</translation>
    </message>
    <message>
        <source>Add a diffusers folder</source>
        <translation>diffusers-Ordner hinzufügen</translation>
    </message>
    <message>
        <source>%1 is not a diffusers folder: it has no model_index.json.</source>
        <translation>%1 ist kein diffusers-Ordner: Es fehlt model_index.json.</translation>
    </message>
</context>
<context>
    <name>easel::OpenAiBackend</name>
    <message>
        <source>OpenAI Images</source>
        <translation>OpenAI Images</translation>
    </message>
    <message>
        <source>no API key for OpenAI: set OPENAI_API_KEY or store a key in the system keychain</source>
        <translation>kein API-Schlüssel für OpenAI: OPENAI_API_KEY setzen oder einen Schlüssel im Schlüsselbund des Systems speichern</translation>
    </message>
    <message>
        <source>OpenAI made %1x%2 images (the size of %3 nearest %4x%5)</source>
        <translation>OpenAI hat Bilder mit %1x%2 erstellt (die Größe von %3, die %4x%5 am nächsten liegt)</translation>
    </message>
    <message>
        <source>OpenAI takes no negative prompt: it was left out</source>
        <translation>OpenAI nimmt keinen negativen Prompt: er wurde weggelassen</translation>
    </message>
    <message>
        <source>OpenAI answered without an image</source>
        <translation>OpenAI hat ohne Bild geantwortet</translation>
    </message>
</context>
<context>
    <name>easel::OutputPlan</name>
    <message>
        <source>Cannot create the folder '%1'</source>
        <translation>Der Ordner '%1' kann nicht angelegt werden</translation>
    </message>
</context>
<context>
    <name>easel::PromptEditor</name>
    <message>
        <source>Increase Weight</source>
        <translation>Gewicht erhöhen</translation>
    </message>
    <message>
        <source>Decrease Weight</source>
        <translation>Gewicht verringern</translation>
    </message>
    <message>
        <source>CLIP reads a prompt in chunks of 75 tokens. A mark in the text shows where each chunk ends; BREAK starts a new one.</source>
        <translation>CLIP liest einen Prompt in Abschnitten von 75 Tokens. Eine Markierung im Text zeigt, wo jeder Abschnitt endet; BREAK beginnt einen neuen.</translation>
    </message>
    <message>
        <source>Counting tokens…</source>
        <translation>Tokens werden gezählt…</translation>
    </message>
    <message>
        <source>No token count</source>
        <translation>Keine Token-Zählung</translation>
    </message>
    <message>
        <source>%1 / %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>Plain prompts are one chunk of 75 tokens: the text encoder ignores the rest.</source>
        <translation>Einfache Prompts sind ein Abschnitt von 75 Tokens: Der Text-Encoder ignoriert den Rest.</translation>
    </message>
    <message>
        <source>1 token ignored</source>
        <translation>1 Token ignoriert</translation>
    </message>
    <message numerus="yes">
        <source>%n tokens ignored</source>
        <translation><numerusform>%n Token ignoriert</numerusform><numerusform>%n Tokens ignoriert</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%1 / %2 · %n chunks: %3</source>
        <translation><numerusform>%1 / %2 · %n Abschnitt: %3</numerusform><numerusform>%1 / %2 · %n Abschnitte: %3</numerusform></translation>
    </message>
</context>
<context>
    <name>easel::PromptList</name>
    <message>
        <source>%1: cannot read: %2</source>
        <translation>%1: kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>the top level must be an object with a 'prompts' array or an array of prompt entries</source>
        <translation>die oberste Ebene muss ein Objekt mit einem Array 'prompts' oder ein Array von Prompt-Einträgen sein</translation>
    </message>
    <message>
        <source>not valid JSON at offset %1: %2</source>
        <translation>kein gültiges JSON an Position %1: %2</translation>
    </message>
    <message>
        <source>'video_name' must be a string</source>
        <translation>'video_name' muss eine Zeichenkette sein</translation>
    </message>
    <message>
        <source>'prompts' is missing</source>
        <translation>'prompts' fehlt</translation>
    </message>
    <message>
        <source>'prompts' must be an array</source>
        <translation>'prompts' muss ein Array sein</translation>
    </message>
    <message>
        <source>the prompt list is empty</source>
        <translation>die Prompt-Liste ist leer</translation>
    </message>
    <message>
        <source>entry %1: %2</source>
        <translation>Eintrag %1: %2</translation>
    </message>
    <message>
        <source>must be an object</source>
        <translation>muss ein Objekt sein</translation>
    </message>
    <message>
        <source>'prompt' is missing</source>
        <translation>'prompt' fehlt</translation>
    </message>
    <message>
        <source>'prompt' must be a string</source>
        <translation>'prompt' muss eine Zeichenkette sein</translation>
    </message>
    <message>
        <source>'prompt' is empty</source>
        <translation>'prompt' ist leer</translation>
    </message>
    <message>
        <source>'timestamp' is missing</source>
        <translation>'timestamp' fehlt</translation>
    </message>
    <message>
        <source>'timestamp' must be a non-negative number</source>
        <translation>'timestamp' muss eine nicht negative Zahl sein</translation>
    </message>
    <message>
        <source>'timestamp' must be at most %1 seconds</source>
        <translation>'timestamp' darf höchstens %1 Sekunden sein</translation>
    </message>
    <message>
        <source>'timestamp' %1 duplicates entry %2 (both are %3)</source>
        <translation>'timestamp' %1 wiederholt Eintrag %2 (beide sind %3)</translation>
    </message>
    <message>
        <source>'negative_prompt' must be a string</source>
        <translation>'negative_prompt' muss eine Zeichenkette sein</translation>
    </message>
    <message>
        <source>'seed' must be an integer</source>
        <translation>'seed' muss eine ganze Zahl sein</translation>
    </message>
    <message>
        <source>'seed' must be from 0 to %1</source>
        <translation>'seed' muss zwischen 0 und %1 liegen</translation>
    </message>
    <message>
        <source>'backend' must be one of local, comfyui, openai, stability</source>
        <translation>'backend' muss local, comfyui, openai oder stability sein</translation>
    </message>
    <message>
        <source>'fallback' must be a list of engines</source>
        <translation>'fallback' muss eine Liste von Engines sein</translation>
    </message>
    <message>
        <source>'fallback' may name local only last</source>
        <translation>'fallback' darf local nur zuletzt nennen</translation>
    </message>
</context>
<context>
    <name>easel::PromptTokenCounter</name>
    <message>
        <source>the emphasis weight '%1' is not a number</source>
        <translation>das Gewicht '%1' ist keine Zahl</translation>
    </message>
    <message>
        <source>the emphasis weights and brackets multiply to a weight too large to use</source>
        <translation>die Gewichte und Klammern ergeben zusammen ein zu großes Gewicht</translation>
    </message>
</context>
<context>
    <name>easel::QualityBadge</name>
    <message>
        <source>broken (NaN)</source>
        <translation>defekt (NaN)</translation>
    </message>
    <message>
        <source>nearly black</source>
        <translation>fast schwarz</translation>
    </message>
    <message>
        <source>nearly white</source>
        <translation>fast weiß</translation>
    </message>
    <message>
        <source>uniform</source>
        <translation>einfarbig</translation>
    </message>
    <message>
        <source>Flagged by the quality check: %1</source>
        <translation>Von der Qualitätsprüfung markiert: %1</translation>
    </message>
</context>
<context>
    <name>easel::QueueModel</name>
    <message numerus="yes">
        <source>%n image(s)</source>
        <translation><numerusform>%n Bild</numerusform><numerusform>%n Bilder</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n image(s) flagged</source>
        <translation><numerusform>%n Bild markiert</numerusform><numerusform>%n Bilder markiert</numerusform></translation>
    </message>
</context>
<context>
    <name>easel::QueuePanel</name>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Cancel the selected job (a running one stops at its next step)</source>
        <translation>Den ausgewählten Auftrag abbrechen (ein laufender stoppt beim nächsten Schritt)</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Wiederholen</translation>
    </message>
    <message>
        <source>Queue the selected job again</source>
        <translation>Den ausgewählten Auftrag erneut einreihen</translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation>Duplizieren</translation>
    </message>
    <message>
        <source>Queue a copy of the selected job</source>
        <translation>Eine Kopie des ausgewählten Auftrags einreihen</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>Remove the selected finished job from the list (its images stay)</source>
        <translation>Den ausgewählten beendeten Auftrag aus der Liste entfernen (seine Bilder bleiben)</translation>
    </message>
    <message>
        <source>Pause after current</source>
        <translation>Danach anhalten</translation>
    </message>
    <message>
        <source>Let the running job finish, then start no other until resumed</source>
        <translation>Den laufenden Auftrag beenden lassen, dann keinen weiteren starten, bis fortgesetzt wird</translation>
    </message>
</context>
<context>
    <name>easel::QueueStore</name>
    <message>
        <source>Interrupted: Easel stopped while this job was running</source>
        <translation>Unterbrochen: Easel wurde während dieses Auftrags beendet</translation>
    </message>
    <message>
        <source>The queue %1 can only be restored into an empty queue</source>
        <translation>Die Warteschlange %1 kann nur in eine leere Warteschlange geladen werden</translation>
    </message>
    <message>
        <source>Cannot create the folder of the queue %1</source>
        <translation>Der Ordner der Warteschlange %1 kann nicht angelegt werden</translation>
    </message>
    <message>
        <source>Cannot read the queue %1: %2</source>
        <translation>Die Warteschlange %1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>The queue %1 was written by a newer version of Easel (schema %2)</source>
        <translation>Die Warteschlange %1 wurde von einer neueren Version von Easel geschrieben (Schema %2)</translation>
    </message>
    <message>
        <source>%1 is not a queue database of Easel</source>
        <translation>%1 ist keine Warteschlangen-Datenbank von Easel</translation>
    </message>
    <message>
        <source>Cannot create the queue %1: the folder is read-only</source>
        <translation>Die Warteschlange %1 kann nicht angelegt werden: Der Ordner ist schreibgeschützt</translation>
    </message>
    <message>
        <source>Cannot create the queue %1: %2</source>
        <translation>Die Warteschlange %1 kann nicht angelegt werden: %2</translation>
    </message>
    <message>
        <source>unknown state '%1'</source>
        <translation>unbekannter Status '%1'</translation>
    </message>
    <message>
        <source>not a JSON object</source>
        <translation>kein JSON-Objekt</translation>
    </message>
    <message>
        <source>unreadable job</source>
        <translation>unlesbarer Auftrag</translation>
    </message>
    <message>
        <source>Queue %1: job %2 cannot be read (%3); it is kept in the file but not in the queue</source>
        <translation>Warteschlange %1: Auftrag %2 kann nicht gelesen werden (%3); er bleibt in der Datei, aber nicht in der Warteschlange</translation>
    </message>
    <message>
        <source>The queue %1 is read-only: changes to the queue are not saved</source>
        <translation>Die Warteschlange %1 ist schreibgeschützt: Änderungen an der Warteschlange werden nicht gespeichert</translation>
    </message>
    <message>
        <source>Cannot save the queue in %1: %2</source>
        <translation>Die Warteschlange kann nicht in %1 gespeichert werden: %2</translation>
    </message>
    <message>
        <source>Interrupted: Easel was closed while this job was running</source>
        <translation>Unterbrochen: Easel wurde während dieses Auftrags geschlossen</translation>
    </message>
    <message>
        <source>not a queue database of Easel</source>
        <translation>keine Warteschlangen-Datenbank von Easel</translation>
    </message>
</context>
<context>
    <name>easel::RecipePanel</name>
    <message>
        <source>Model's own</source>
        <translation>Vom Modell</translation>
    </message>
    <message>
        <source> px</source>
        <translation> px</translation>
    </message>
    <message>
        <source>Describe the image: a lighthouse on a cliff at dusk, (storm clouds:1.2)...</source>
        <translation>Beschreiben Sie das Bild: ein Leuchtturm auf einer Klippe in der Dämmerung, (Sturmwolken:1.2)...</translation>
    </message>
    <message>
        <source>What to avoid: blurry, watermark...</source>
        <translation>Was vermieden werden soll: unscharf, Wasserzeichen...</translation>
    </message>
    <message>
        <source>&amp;Prompt</source>
        <translation>&amp;Prompt</translation>
    </message>
    <message>
        <source>&amp;Negative prompt</source>
        <translation>&amp;Negativ-Prompt</translation>
    </message>
    <message>
        <source>&amp;Model</source>
        <translation>&amp;Modell</translation>
    </message>
    <message>
        <source>Add...</source>
        <translation>Hinzufügen...</translation>
    </message>
    <message>
        <source>Add a checkpoint file or a diffusers folder</source>
        <translation>Eine Checkpoint-Datei oder einen diffusers-Ordner hinzufügen</translation>
    </message>
    <message>
        <source>Sampling</source>
        <translation>Sampling</translation>
    </message>
    <message>
        <source>Model's default</source>
        <translation>Vom Modell</translation>
    </message>
    <message>
        <source>Sampler's own</source>
        <translation>Vom Sampler</translation>
    </message>
    <message>
        <source>Karras</source>
        <translation>Karras</translation>
    </message>
    <message>
        <source>Leading</source>
        <translation>Leading</translation>
    </message>
    <message>
        <source>Trailing</source>
        <translation>Trailing</translation>
    </message>
    <message>
        <source>Linspace</source>
        <translation>Linspace</translation>
    </message>
    <message>
        <source>How closely the image follows the prompt (1 or less: no negative prompt pass)</source>
        <translation>Wie genau das Bild dem Prompt folgt (1 oder weniger: kein Durchgang für den Negativ-Prompt)</translation>
    </message>
    <message>
        <source>S&amp;ampler</source>
        <translation>&amp;Sampler</translation>
    </message>
    <message>
        <source>Sc&amp;hedule</source>
        <translation>&amp;Zeitplan</translation>
    </message>
    <message>
        <source>Spa&amp;cing</source>
        <translation>&amp;Verteilung</translation>
    </message>
    <message>
        <source>S&amp;teps</source>
        <translation>S&amp;chritte</translation>
    </message>
    <message>
        <source>&amp;Guidance</source>
        <translation>C&amp;FG-Skala</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>Aspect preset...</source>
        <translation>Seitenverhältnis...</translation>
    </message>
    <message>
        <source>Images made together in one pass</source>
        <translation>Bilder, die zusammen in einem Durchgang entstehen</translation>
    </message>
    <message>
        <source>Passes, one after another</source>
        <translation>Durchgänge, einer nach dem anderen</translation>
    </message>
    <message>
        <source>&amp;Width</source>
        <translation>Bre&amp;ite</translation>
    </message>
    <message>
        <source>H&amp;eight</source>
        <translation>H&amp;öhe</translation>
    </message>
    <message>
        <source>&amp;Batch size</source>
        <translation>Ba&amp;tch-Größe</translation>
    </message>
    <message>
        <source>Batch c&amp;ount</source>
        <translation>Batch-Anzah&amp;l</translation>
    </message>
    <message>
        <source>Locked: every Generate uses this seed. Unlocked: each Generate draws a new one.</source>
        <translation>Fest: Jedes Generieren nutzt diesen Seed. Sonst zieht jedes Generieren einen neuen.</translation>
    </message>
    <message>
        <source>Locked</source>
        <translation>Fest</translation>
    </message>
    <message>
        <source>Random</source>
        <translation>Zufällig</translation>
    </message>
    <message>
        <source>New</source>
        <translation>Neu</translation>
    </message>
    <message>
        <source>Draw a new random seed now</source>
        <translation>Jetzt einen neuen zufälligen Seed ziehen</translation>
    </message>
    <message>
        <source>See&amp;d</source>
        <translation>S&amp;eed</translation>
    </message>
    <message>
        <source>Start from an image</source>
        <translation>Von einem Bild ausgehen</translation>
    </message>
    <message>
        <source>How much of the source image is redrawn (1: all of it)</source>
        <translation>Wie viel vom Ausgangsbild neu gezeichnet wird (1: alles)</translation>
    </message>
    <message>
        <source>St&amp;rength</source>
        <translation>Stä&amp;rke</translation>
    </message>
    <message>
        <source>Style</source>
        <translation>Stil</translation>
    </message>
    <message>
        <source>A style adds its words to the prompt, its negative prompt and LoRAs, and may set the sampler, steps, guidance and size</source>
        <translation>Ein Stil fügt dem Prompt seine Wörter, seinen Negativ-Prompt und seine LoRAs hinzu und kann Sampler, Schritte, CFG-Skala und Größe festlegen</translation>
    </message>
    <message>
        <source>Prompt used: %1</source>
        <translation>Verwendeter Prompt: %1</translation>
    </message>
    <message>
        <source>Negative prompt used: %1</source>
        <translation>Verwendeter Negativ-Prompt: %1</translation>
    </message>
    <message>
        <source>Fast</source>
        <translation>Schnell</translation>
    </message>
    <message>
        <source>Few-step settings, as easel-cli --preset fast: with an LCM LoRA on the stack the LCM sampler, 4 steps, guidance 1; otherwise SDXL-Turbo's Euler a, trailing spacing, 1 step, guidance 0</source>
        <translation>Einstellungen für wenige Schritte, wie easel-cli --preset fast: mit einer LCM-LoRA im Stapel der LCM-Sampler, 4 Schritte, CFG-Skala 1; sonst die von SDXL-Turbo: Euler a, Verteilung Trailing, 1 Schritt, CFG-Skala 0</translation>
    </message>
    <message>
        <source>Grow the painted mask by this many pixels before use (negative: shrink it)</source>
        <translation>Die gemalte Maske vor der Verwendung um so viele Pixel vergrößern (negativ: verkleinern)</translation>
    </message>
    <message>
        <source>Soften the mask's edge: a Gaussian blur of this many pixels, so the repainted area blends in</source>
        <translation>Den Rand der Maske weicher machen: eine Gaußsche Unschärfe von so vielen Pixeln, damit der neu gezeichnete Bereich übergeht</translation>
    </message>
    <message>
        <source>Mask blur</source>
        <translation>Maskenunschärfe</translation>
    </message>
    <message>
        <source>Mask grow</source>
        <translation>Maskenerweiterung</translation>
    </message>
    <message>
        <source>LoRAs</source>
        <translation>LoRA-Stapel</translation>
    </message>
    <message>
        <source>sampler %1 → %2</source>
        <translation>Sampler %1 → %2</translation>
    </message>
    <message>
        <source>spacing %1 → %2</source>
        <translation>Verteilung %1 → %2</translation>
    </message>
    <message>
        <source>steps %1 → %2</source>
        <translation>Schritte %1 → %2</translation>
    </message>
    <message>
        <source>guidance %1 → %2</source>
        <translation>CFG-Skala %1 → %2</translation>
    </message>
    <message>
        <source>these settings were already set</source>
        <translation>diese Einstellungen waren schon gesetzt</translation>
    </message>
    <message>
        <source>Fast preset for an LCM LoRA: %1.</source>
        <translation>Schnell-Vorgabe für eine LCM-LoRA: %1.</translation>
    </message>
    <message>
        <source>Fast preset for SDXL-Turbo: %1.</source>
        <translation>Schnell-Vorgabe für SDXL-Turbo: %1.</translation>
    </message>
    <message>
        <source>These settings suit SDXL-Turbo; for another model put an LCM LoRA on the stack first, then press Fast again.</source>
        <translation>Diese Einstellungen passen zu SDXL-Turbo; für ein anderes Modell zuerst eine LCM-LoRA in den Stapel legen, dann erneut Schnell drücken.</translation>
    </message>
    <message>
        <source>The chosen engine ignores this</source>
        <translation>Die gewählte Engine ignoriert dies</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>Aus</translation>
    </message>
    <message>
        <source>Step caching: every Nth step runs the whole model and the steps between reuse its deep features. Faster, with a little less detail; 2 to 5 are useful</source>
        <translation>Schritt-Cache: Jeder N-te Schritt rechnet das ganze Modell, die Schritte dazwischen verwenden seine tiefen Merkmale wieder. Schneller, mit etwas weniger Details; 2 bis 5 sind sinnvoll</translation>
    </message>
    <message>
        <source>Step cache</source>
        <translation>Schritt-Cache</translation>
    </message>
    <message>
        <source>Token merging: this share of the image's tokens is merged with similar neighbours before the self-attention of the model's finest blocks. Faster on large images, slightly different ones; 0.3 to 0.5 are useful</source>
        <translation>Token-Merging: Dieser Anteil der Tokens des Bildes wird vor der Self-Attention der feinsten Blöcke des Modells mit ähnlichen Nachbarn zusammengeführt. Schneller bei großen Bildern, leicht andere Bilder; 0,3 bis 0,5 sind sinnvoll</translation>
    </message>
    <message>
        <source>Token merging</source>
        <translation>Token-Merging</translation>
    </message>
</context>
<context>
    <name>easel::RemoteGenerationJob</name>
    <message>
        <source>unknown backend '%1' (known: %2)</source>
        <translation>unbekanntes Backend '%1' (bekannt: %2)</translation>
    </message>
    <message>
        <source>the local engine runs generation jobs, not remote ones</source>
        <translation>die lokale Engine führt Generierungsaufträge aus, keine entfernten</translation>
    </message>
    <message>
        <source>the local engine can only be the last fallback</source>
        <translation>die lokale Engine kann nur die letzte Ausweichmöglichkeit sein</translation>
    </message>
    <message>
        <source>no output file or folder given</source>
        <translation>keine Ausgabedatei und kein Ausgabeordner angegeben</translation>
    </message>
    <message>
        <source>%1 sent an image Easel cannot read (%2)</source>
        <translation>%1 hat ein Bild gesendet, das Easel nicht lesen kann (%2)</translation>
    </message>
    <message>
        <source>the backend sent no image Easel can read</source>
        <translation>das Backend hat kein Bild gesendet, das Easel lesen kann</translation>
    </message>
    <message>
        <source>estimated cost $%1 (price table of %2)</source>
        <translation>geschätzte Kosten $%1 (Preistabelle vom %2)</translation>
    </message>
    <message>
        <source>falling back to the local engine: %1</source>
        <translation>Ausweichen auf die lokale Engine: %1</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>abgebrochen</translation>
    </message>
    <message>
        <source>a workflow template is for ComfyUI, not %1</source>
        <translation>eine Workflow-Vorlage ist für ComfyUI, nicht für %1</translation>
    </message>
    <message>
        <source>the workflow template %1 has no {{image}} slot for the start image</source>
        <translation>die Workflow-Vorlage %1 hat keinen Platzhalter {{image}} für das Startbild</translation>
    </message>
</context>
<context>
    <name>easel::Rows</name>
    <message>
        <source>Gallery index %1: %2</source>
        <translation>Galerie-Index %1: %2</translation>
    </message>
</context>
<context>
    <name>easel::SettingsDialog</name>
    <message>
        <source>Browse...</source>
        <translation>Durchsuchen...</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>Folders</source>
        <translation>Ordner</translation>
    </message>
    <message>
        <source>Models:</source>
        <translation>Modelle:</translation>
    </message>
    <message>
        <source>Images:</source>
        <translation>Bilder:</translation>
    </message>
    <message>
        <source>Where Easel looks for models and saves the ones it downloads.</source>
        <translation>Wo Easel nach Modellen sucht und heruntergeladene speichert.</translation>
    </message>
    <message>
        <source>Where the images you make are saved.</source>
        <translation>Wo Ihre Bilder gespeichert werden.</translation>
    </message>
    <message>
        <source>Engine</source>
        <translation>Berechnung</translation>
    </message>
    <message>
        <source>Automatic (the GPU here)</source>
        <translation>Automatisch (hier die GPU)</translation>
    </message>
    <message>
        <source>Automatic (the CPU here)</source>
        <translation>Automatisch (hier die CPU)</translation>
    </message>
    <message>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <source>GPU (CUDA)</source>
        <translation>GPU (CUDA)</translation>
    </message>
    <message>
        <source>Device:</source>
        <translation>Gerät:</translation>
    </message>
    <message>
        <source>One per core (%1)</source>
        <translation>Einer pro Kern (%1)</translation>
    </message>
    <message>
        <source>CPU threads the engine computes with.</source>
        <translation>CPU-Threads für die Berechnung.</translation>
    </message>
    <message>
        <source>CPU threads:</source>
        <translation>CPU-Threads:</translation>
    </message>
    <message>
        <source>Automatic (%1 here)</source>
        <translation>Automatisch (hier %1)</translation>
    </message>
    <message>
        <source>fp32: exact, slowest</source>
        <translation>fp32: exakt, am langsamsten</translation>
    </message>
    <message>
        <source>fp16: for GPUs</source>
        <translation>fp16: für GPUs</translation>
    </message>
    <message>
        <source>bf16: for GPUs and CPUs with native bf16</source>
        <translation>bf16: für GPUs und CPUs mit nativem bf16</translation>
    </message>
    <message>
        <source>Precision:</source>
        <translation>Genauigkeit:</translation>
    </message>
    <message>
        <source>Live previews</source>
        <translation>Live-Vorschau</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Keine</translation>
    </message>
    <message>
        <source>Approximate: nearly free, small</source>
        <translation>Angenähert: fast kostenlos, klein</translation>
    </message>
    <message>
        <source>TAESD: full size, needs its decoder</source>
        <translation>TAESD: volle Größe, braucht seinen Decoder</translation>
    </message>
    <message>
        <source>Previews:</source>
        <translation>Vorschau:</translation>
    </message>
    <message>
        <source> step(s)</source>
        <translation> Schritt(e)</translation>
    </message>
    <message>
        <source>Every:</source>
        <translation>Intervall:</translation>
    </message>
    <message>
        <source>TAESD decoder:</source>
        <translation>TAESD-Decoder:</translation>
    </message>
    <message>
        <source>the downloaded decoder for the model's family</source>
        <translation>der heruntergeladene Decoder für die Modellfamilie</translation>
    </message>
    <message>
        <source>Appearance</source>
        <translation>Darstellung</translation>
    </message>
    <message>
        <source>System</source>
        <translation>System</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Hell</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Dunkel</translation>
    </message>
    <message>
        <source>Theme:</source>
        <translation>Design:</translation>
    </message>
    <message>
        <source>Models folder</source>
        <translation>Modellordner</translation>
    </message>
    <message>
        <source>Images folder</source>
        <translation>Bildordner</translation>
    </message>
    <message>
        <source>TAESD decoder</source>
        <translation>TAESD-Decoder</translation>
    </message>
    <message>
        <source>TAESD decoders (*.safetensors)</source>
        <translation>TAESD-Decoder (*.safetensors)</translation>
    </message>
    <message>
        <source>Retry a flagged image once with a new seed</source>
        <translation>Markiertes Bild einmal mit neuem Seed wiederholen</translation>
    </message>
    <message>
        <source>An image that comes out broken, nearly black, nearly white or uniform is made once more with the next unused seed (the run's last seed + 1, then + 2...). The flagged image is kept; the new one records which image it retries. A retry is never retried.</source>
        <translation>Ein Bild, das defekt, fast schwarz, fast weiß oder einfarbig herauskommt, wird noch einmal mit dem nächsten unbenutzten Seed erzeugt (letzter Seed des Laufs + 1, dann + 2 …). Das markierte Bild bleibt erhalten; das neue vermerkt, welches Bild es wiederholt. Eine Wiederholung wird nie wiederholt.</translation>
    </message>
    <message>
        <source>General</source>
        <translation>Allgemein</translation>
    </message>
    <message>
        <source>Other engines</source>
        <translation>Andere Engines</translation>
    </message>
</context>
<context>
    <name>easel::ShotCardDelegate</name>
    <message>
        <source>Not rendered</source>
        <translation>Nicht gerendert</translation>
    </message>
    <message>
        <source>Stale</source>
        <translation>Veraltet</translation>
    </message>
    <message numerus="yes">
        <source>%n take(s)</source>
        <translation><numerusform>%n Take</numerusform><numerusform>%n Takes</numerusform></translation>
    </message>
    <message>
        <source>%1 · %2 s</source>
        <translation>%1 · %2 s</translation>
    </message>
</context>
<context>
    <name>easel::ShotEditor</name>
    <message>
        <source>Shot %1</source>
        <translation>Einstellung %1</translation>
    </message>
    <message>
        <source>Character</source>
        <translation>Figur</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Handlung</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(keine)</translation>
    </message>
    <message>
        <source>Width:height of the keyframe</source>
        <translation>Breite:Höhe des Keyframes</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>D&amp;uration:</source>
        <translation>&amp;Dauer:</translation>
    </message>
    <message>
        <source>Take %1</source>
        <translation>Take %1</translation>
    </message>
    <message>
        <source>The take selected here is the shot's keyframe</source>
        <translation>Der hier gewählte Take ist das Keyframe der Einstellung</translation>
    </message>
    <message>
        <source>Shot &amp;type:</source>
        <translation>Einstellungs&amp;größe:</translation>
    </message>
    <message>
        <source>&amp;Description:</source>
        <translation>&amp;Beschreibung:</translation>
    </message>
    <message>
        <source>&amp;Style:</source>
        <translation>&amp;Stil:</translation>
    </message>
    <message>
        <source>&amp;Lighting:</source>
        <translation>&amp;Licht:</translation>
    </message>
    <message>
        <source>&amp;Camera angle:</source>
        <translation>&amp;Kamerawinkel:</translation>
    </message>
    <message>
        <source>&amp;Mood:</source>
        <translation>Sti&amp;mmung:</translation>
    </message>
    <message>
        <source>C&amp;haracters:</source>
        <translation>&amp;Figuren:</translation>
    </message>
    <message>
        <source>&amp;Variant:</source>
        <translation>&amp;Variante:</translation>
    </message>
    <message>
        <source>L&amp;ocation:</source>
        <translation>&amp;Ort:</translation>
    </message>
    <message>
        <source>&amp;Aspect ratio:</source>
        <translation>Seitenve&amp;rhältnis:</translation>
    </message>
    <message>
        <source>T&amp;imestamp:</source>
        <translation>&amp;Zeitpunkt:</translation>
    </message>
    <message>
        <source>Ta&amp;kes:</source>
        <translation>&amp;Takes:</translation>
    </message>
    <message>
        <source>Built prompt</source>
        <translation>Erzeugter Prompt</translation>
    </message>
    <message>
        <source>&amp;Prompt:</source>
        <translation>&amp;Prompt:</translation>
    </message>
    <message>
        <source>&amp;Negative prompt:</source>
        <translation>&amp;Negativ-Prompt:</translation>
    </message>
    <message>
        <source>A template of the list, or your own words</source>
        <translation>Eine Vorlage aus der Liste oder eigene Worte</translation>
    </message>
    <message numerus="yes">
        <source>%n token(s)</source>
        <translation><numerusform>%n Token</numerusform><numerusform>%n Tokens</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n chunk(s) of 75</source>
        <translation><numerusform>%n Block zu 75</numerusform><numerusform>%n Blöcke zu 75</numerusform></translation>
    </message>
    <message>
        <source>This machine (local)</source>
        <translation>Dieser Rechner (local)</translation>
    </message>
    <message>
        <source>ComfyUI servers (comfyui)</source>
        <translation>ComfyUI-Server (comfyui)</translation>
    </message>
    <message>
        <source>OpenAI (openai)</source>
        <translation>OpenAI (openai)</translation>
    </message>
    <message>
        <source>Stability AI (stability)</source>
        <translation>Stability AI (stability)</translation>
    </message>
    <message>
        <source>The story's (%1)</source>
        <translation>Die der Geschichte (%1)</translation>
    </message>
    <message>
        <source>The engine that renders this shot; comfyui@host:port names one ComfyUI server</source>
        <translation>Die Engine, die diese Einstellung rendert; comfyui@host:port nennt einen ComfyUI-Server</translation>
    </message>
    <message>
        <source>e.g. comfyui, local</source>
        <translation>z. B. comfyui, local</translation>
    </message>
    <message>
        <source>Engines tried in this order when the engine fails; local only last</source>
        <translation>Engines, die der Reihe nach versucht werden, wenn die Engine scheitert; local nur zuletzt</translation>
    </message>
    <message>
        <source>&amp;Fallback:</source>
        <translation>&amp;Ausweichen:</translation>
    </message>
    <message>
        <source>&amp;Engine:</source>
        <translation>&amp;Engine:</translation>
    </message>
</context>
<context>
    <name>easel::ShotListModel</name>
    <message>
        <source>Extreme wide</source>
        <translation>Extreme Totale</translation>
    </message>
    <message>
        <source>Wide</source>
        <translation>Totale</translation>
    </message>
    <message>
        <source>Medium</source>
        <translation>Halbnah</translation>
    </message>
    <message>
        <source>Medium close-up</source>
        <translation>Nah</translation>
    </message>
    <message>
        <source>Close-up</source>
        <translation>Großaufnahme</translation>
    </message>
    <message>
        <source>Extreme close-up</source>
        <translation>Detailaufnahme</translation>
    </message>
    <message>
        <source>Over the shoulder</source>
        <translation>Über die Schulter</translation>
    </message>
    <message>
        <source>POV</source>
        <translation>Subjektive</translation>
    </message>
    <message>
        <source>Shot %1: %2</source>
        <translation>Einstellung %1: %2</translation>
    </message>
    <message>
        <source>%1
(stale: render it again)</source>
        <translation>%1
(veraltet: neu rendern)</translation>
    </message>
</context>
<context>
    <name>easel::StabilityBackend</name>
    <message>
        <source>Stability AI</source>
        <translation>Stability AI</translation>
    </message>
    <message>
        <source>no API key for Stability AI: set STABILITY_API_KEY or store a key in the system keychain</source>
        <translation>kein API-Schlüssel für Stability AI: STABILITY_API_KEY setzen oder einen Schlüssel im Schlüsselbund des Systems speichern</translation>
    </message>
    <message>
        <source>Stability AI chooses the size: aspect ratio %1 was asked for</source>
        <translation>Stability AI wählt die Größe: Seitenverhältnis %1 wurde angefragt</translation>
    </message>
    <message>
        <source>%1 takes no negative prompt: it was left out</source>
        <translation>%1 nimmt keinen negativen Prompt: er wurde weggelassen</translation>
    </message>
    <message>
        <source>the image was filtered (finish_reason CONTENT_FILTERED)</source>
        <translation>das Bild wurde gefiltert (finish_reason CONTENT_FILTERED)</translation>
    </message>
    <message>
        <source>Stability AI answered without an image</source>
        <translation>Stability AI hat ohne Bild geantwortet</translation>
    </message>
</context>
<context>
    <name>easel::StoryDocument</name>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>missing '%1'</source>
        <translation>„%1“ fehlt</translation>
    </message>
    <message>
        <source>must be a string</source>
        <translation>muss eine Zeichenkette sein</translation>
    </message>
    <message>
        <source>must not be empty</source>
        <translation>darf nicht leer sein</translation>
    </message>
    <message>
        <source>must be a number</source>
        <translation>muss eine Zahl sein</translation>
    </message>
    <message>
        <source>must be a whole number</source>
        <translation>muss eine ganze Zahl sein</translation>
    </message>
    <message>
        <source>must be true or false</source>
        <translation>muss true oder false sein</translation>
    </message>
    <message>
        <source>must be a list</source>
        <translation>muss eine Liste sein</translation>
    </message>
    <message>
        <source>must be an object</source>
        <translation>muss ein Objekt sein</translation>
    </message>
    <message>
        <source>may hold only letters, digits, '-', '_' and '.'</source>
        <translation>darf nur Buchstaben, Ziffern, '-', '_' und '.' enthalten</translation>
    </message>
    <message>
        <source>must be between -4 and 4</source>
        <translation>muss zwischen -4 und 4 liegen</translation>
    </message>
    <message>
        <source>must be in (0, 1]</source>
        <translation>muss in (0, 1] liegen</translation>
    </message>
    <message>
        <source>'%1' is used twice</source>
        <translation>„%1“ wird zweimal verwendet</translation>
    </message>
    <message>
        <source>must be W:H, like 16:9</source>
        <translation>muss B:H sein, etwa 16:9</translation>
    </message>
    <message>
        <source>must not be negative</source>
        <translation>darf nicht negativ sein</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>the file is too large</source>
        <translation>die Datei ist zu groß</translation>
    </message>
    <message>
        <source>not JSON (%1 at offset %2)</source>
        <translation>kein JSON (%1 an Position %2)</translation>
    </message>
    <message>
        <source>not a story (no JSON object)</source>
        <translation>keine Geschichte (kein JSON-Objekt)</translation>
    </message>
    <message>
        <source>missing (not an Easel story)</source>
        <translation>fehlt (keine Easel-Geschichte)</translation>
    </message>
    <message>
        <source>must be "easel-story"</source>
        <translation>muss „easel-story“ sein</translation>
    </message>
    <message>
        <source>missing</source>
        <translation>fehlt</translation>
    </message>
    <message>
        <source>version %1 is not supported (this Easel reads up to %2)</source>
        <translation>Version %1 wird nicht unterstützt (dieses Easel liest bis %2)</translation>
    </message>
    <message>
        <source>must be between 1 and 500</source>
        <translation>muss zwischen 1 und 500 liegen</translation>
    </message>
    <message>
        <source>must be between 0 and 4096</source>
        <translation>muss zwischen 0 und 4096 liegen</translation>
    </message>
    <message>
        <source>unknown character '%1'</source>
        <translation>unbekannte Figur „%1“</translation>
    </message>
    <message>
        <source>unknown location '%1'</source>
        <translation>unbekannter Ort „%1“</translation>
    </message>
    <message>
        <source>unknown variant '%1'</source>
        <translation>unbekannte Variante „%1“</translation>
    </message>
    <message>
        <source>must be one of the shot's takes</source>
        <translation>muss einer der Takes der Einstellung sein</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>Not a shot selection: '%1' (use numbers and ranges, like 1-5,8)</source>
        <translation>Keine Einstellungsauswahl: „%1“ (Nummern und Bereiche verwenden, etwa 1-5,8)</translation>
    </message>
    <message>
        <source>The story has no shot %1</source>
        <translation>Die Geschichte hat keine Einstellung %1</translation>
    </message>
    <message>
        <source>must be one of local, comfyui, openai, stability</source>
        <translation>muss local, comfyui, openai oder stability sein</translation>
    </message>
    <message>
        <source>may name local only last</source>
        <translation>darf local nur zuletzt nennen</translation>
    </message>
</context>
<context>
    <name>easel::StoryExport</name>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>the PDF could not be started</source>
        <translation>das PDF konnte nicht begonnen werden</translation>
    </message>
    <message>
        <source>%1 — contact sheet, page %2 of %3</source>
        <translation>%1 — Kontaktbogen, Seite %2 von %3</translation>
    </message>
    <message>
        <source>no keyframe yet</source>
        <translation>noch kein Schlüsselbild</translation>
    </message>
    <message>
        <source>Shot %1 · %2 · %3 s</source>
        <translation>Einstellung %1 · %2 · %3 s</translation>
    </message>
    <message>
        <source>shot</source>
        <translation>Einstellung</translation>
    </message>
    <message>
        <source>Cannot create the folder %1</source>
        <translation>Der Ordner %1 kann nicht angelegt werden</translation>
    </message>
    <message>
        <source>Shot %1 has no keyframe: not in the frames</source>
        <translation>Einstellung %1 hat kein Schlüsselbild: nicht bei den Bildern</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
</context>
<context>
    <name>easel::StoryPromptBuilder</name>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>not JSON (%1 at offset %2)</source>
        <translation>kein JSON (%1 an Position %2)</translation>
    </message>
    <message>
        <source>must be an object</source>
        <translation>muss ein Objekt sein</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>unknown template kind</source>
        <translation>unbekannte Vorlagenart</translation>
    </message>
    <message>
        <source>must be a list</source>
        <translation>muss eine Liste sein</translation>
    </message>
    <message>
        <source>must be a string</source>
        <translation>muss eine Zeichenkette sein</translation>
    </message>
    <message>
        <source>missing 'id'</source>
        <translation>„id“ fehlt</translation>
    </message>
    <message>
        <source>missing 'prompt'</source>
        <translation>„prompt“ fehlt</translation>
    </message>
    <message>
        <source>shot</source>
        <translation>Einstellung</translation>
    </message>
    <message>
        <source>style</source>
        <translation>Stil</translation>
    </message>
    <message>
        <source>%1: one phrase is longer than 75 tokens and takes more than one chunk</source>
        <translation>%1: eine Wendung ist länger als 75 Tokens und belegt mehr als einen Block</translation>
    </message>
    <message>
        <source>%1: left out "%2" to keep the part within 75 tokens</source>
        <translation>%1: „%2“ weggelassen, damit der Teil in 75 Tokens passt</translation>
    </message>
</context>
<context>
    <name>easel::StoryRender</name>
    <message>
        <source>Takes must be between 1 and 100, not %1</source>
        <translation>Takes müssen zwischen 1 und 100 liegen, nicht %1</translation>
    </message>
    <message>
        <source>The story has no shot '%1'</source>
        <translation>Die Geschichte hat keine Einstellung „%1“</translation>
    </message>
    <message>
        <source>Shot %1: %2</source>
        <translation>Einstellung %1: %2</translation>
    </message>
</context>
<context>
    <name>easel::StoryboardPanel</name>
    <message>
        <source>&amp;New Story</source>
        <translation>&amp;Neue Geschichte</translation>
    </message>
    <message>
        <source>Start an empty story board</source>
        <translation>Ein leeres Storyboard beginnen</translation>
    </message>
    <message>
        <source>Open S&amp;tory...</source>
        <translation>&amp;Geschichte öffnen...</translation>
    </message>
    <message>
        <source>Open a story board file (.json)</source>
        <translation>Eine Storyboard-Datei (.json) öffnen</translation>
    </message>
    <message>
        <source>Sa&amp;ve Story</source>
        <translation>Geschichte spei&amp;chern</translation>
    </message>
    <message>
        <source>Save the story (Ctrl+S in the storyboard)</source>
        <translation>Die Geschichte speichern (Strg+S im Storyboard)</translation>
    </message>
    <message>
        <source>Save Story &amp;As...</source>
        <translation>Geschichte speichern &amp;unter...</translation>
    </message>
    <message>
        <source>Save Story</source>
        <translation>Geschichte speichern</translation>
    </message>
    <message>
        <source>Story boards (*.json)</source>
        <translation>Storyboards (*.json)</translation>
    </message>
    <message>
        <source>E&amp;xport Story...</source>
        <translation>Geschichte ex&amp;portieren...</translation>
    </message>
    <message>
        <source>Write the keyframes, metadata.json, a contact sheet PDF and a shot list CSV</source>
        <translation>Die Keyframes, metadata.json, einen Kontaktbogen als PDF und eine Einstellungsliste als CSV schreiben</translation>
    </message>
    <message>
        <source>Render &amp;All</source>
        <translation>&amp;Alle rendern</translation>
    </message>
    <message>
        <source>Queue every shot, with the number of takes beside</source>
        <translation>Jede Einstellung einreihen, mit der Zahl der Takes daneben</translation>
    </message>
    <message>
        <source>Render S&amp;tale</source>
        <translation>&amp;Veraltete rendern</translation>
    </message>
    <message>
        <source>Queue the shots whose characters, location or fields changed</source>
        <translation>Die Einstellungen einreihen, deren Figuren, Ort oder Felder sich geändert haben</translation>
    </message>
    <message>
        <source>Render &amp;Selected</source>
        <translation>Au&amp;swahl rendern</translation>
    </message>
    <message>
        <source>Queue the selected shots (Ctrl+R)</source>
        <translation>Die gewählten Einstellungen einreihen (Strg+R)</translation>
    </message>
    <message>
        <source>&amp;Re-render Shot</source>
        <translation>Einstellung &amp;neu rendern</translation>
    </message>
    <message>
        <source>Queue the current shot again, with one take</source>
        <translation>Die aktuelle Einstellung erneut einreihen, mit einem Take</translation>
    </message>
    <message>
        <source>&amp;Pick Keyframe...</source>
        <translation>Key&amp;frame wählen...</translation>
    </message>
    <message>
        <source>Choose the current shot's keyframe among its takes (Ctrl+K)</source>
        <translation>Das Keyframe der aktuellen Einstellung unter ihren Takes wählen (Strg+K)</translation>
    </message>
    <message>
        <source>&amp;Edit Shot...</source>
        <translation>Einstellung &amp;bearbeiten...</translation>
    </message>
    <message>
        <source>Edit the current shot (double-click or Enter on a card)</source>
        <translation>Die aktuelle Einstellung bearbeiten (Doppelklick oder Eingabe auf einer Karte)</translation>
    </message>
    <message>
        <source>Move Shot &amp;Earlier</source>
        <translation>Einstellung nach &amp;vorn</translation>
    </message>
    <message>
        <source>Move Shot &amp;Later</source>
        <translation>Einstellung nach &amp;hinten</translation>
    </message>
    <message>
        <source>Storyboard</source>
        <translation>Storyboard</translation>
    </message>
    <message>
        <source>Ta&amp;kes:</source>
        <translation>Ta&amp;kes:</translation>
    </message>
    <message>
        <source>Images to make of each shot; pick the keyframe among them</source>
        <translation>Bilder pro Einstellung; das Keyframe wird unter ihnen gewählt</translation>
    </message>
    <message>
        <source>Drag a card (or Ctrl+Shift+Left/Right) to reorder; double-click to edit</source>
        <translation>Karte ziehen (oder Strg+Umschalt+Links/Rechts) zum Umordnen; Doppelklick zum Bearbeiten</translation>
    </message>
    <message>
        <source>C&amp;haracters</source>
        <translation>&amp;Figuren</translation>
    </message>
    <message>
        <source>L&amp;ocations</source>
        <translation>&amp;Orte</translation>
    </message>
    <message numerus="yes">
        <source>Opened the story %1: %n shot(s)</source>
        <translation><numerusform>Geschichte %1 geöffnet: %n Einstellung</numerusform><numerusform>Geschichte %1 geöffnet: %n Einstellungen</numerusform></translation>
    </message>
    <message>
        <source>Untitled story</source>
        <translation>Unbenannte Geschichte</translation>
    </message>
    <message>
        <source>Saved the story to %1</source>
        <translation>Geschichte in %1 gespeichert</translation>
    </message>
    <message>
        <source>No story open: File &gt; New Story or Open Story...</source>
        <translation>Keine Geschichte offen: Datei &gt; Neue Geschichte oder Geschichte öffnen...</translation>
    </message>
    <message>
        <source>not saved</source>
        <translation>nicht gespeichert</translation>
    </message>
    <message>
        <source>%1 (%2)%3</source>
        <translation>%1 (%2)%3</translation>
    </message>
    <message>
        <source>Variants: %1</source>
        <translation>Varianten: %1</translation>
    </message>
    <message>
        <source>No shot to render: every shot is up to date.</source>
        <translation>Keine Einstellung zu rendern: alle sind aktuell.</translation>
    </message>
    <message>
        <source>Shot %1, take %2: %3</source>
        <translation>Einstellung %1, Take %2: %3</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n keyframe(s), the contact sheet and the shot list to %1</source>
        <translation><numerusform>%n Keyframe, der Kontaktbogen und die Einstellungsliste nach %1 exportiert</numerusform><numerusform>%n Keyframes, der Kontaktbogen und die Einstellungsliste nach %1 exportiert</numerusform></translation>
    </message>
    <message>
        <source>Open Story</source>
        <translation>Geschichte öffnen</translation>
    </message>
    <message>
        <source>Export Story To</source>
        <translation>Geschichte exportieren nach</translation>
    </message>
    <message numerus="yes">
        <source>Removed %n frame(s) of the earlier export that the story no longer has.</source>
        <translation><numerusform>%n Bild des früheren Exports entfernt, das die Geschichte nicht mehr hat.</numerusform><numerusform>%n Bilder des früheren Exports entfernt, die die Geschichte nicht mehr hat.</numerusform></translation>
    </message>
    <message>
        <source>Unsaved Story</source>
        <translation>Ungespeicherte Geschichte</translation>
    </message>
    <message>
        <source>The story "%1" has changes that are not saved.</source>
        <translation>Die Geschichte „%1“ hat Änderungen, die nicht gespeichert sind.</translation>
    </message>
    <message>
        <source>Save them before going on?</source>
        <translation>Vor dem Fortfahren speichern?</translation>
    </message>
</context>
<context>
    <name>easel::StyleLibrary</name>
    <message>
        <source>'%1' %2</source>
        <translation>'%1' %2</translation>
    </message>
    <message>
        <source>must be a string</source>
        <translation>muss eine Zeichenkette sein</translation>
    </message>
    <message>
        <source>must be a multiple of %1 from %2 to %3</source>
        <translation>muss ein Vielfaches von %1 von %2 bis %3 sein</translation>
    </message>
    <message>
        <source>must be an integer from %1 to %2</source>
        <translation>muss eine ganze Zahl von %1 bis %2 sein</translation>
    </message>
    <message>
        <source>must be a number from %1 to %2</source>
        <translation>muss eine Zahl von %1 bis %2 sein</translation>
    </message>
    <message>
        <source>has an unknown value '%1' (one of %2)</source>
        <translation>hat einen unbekannten Wert '%1' (einer von %2)</translation>
    </message>
    <message>
        <source>must be a list of {file or name, weight} objects</source>
        <translation>muss eine Liste von {file oder name, weight}-Objekten sein</translation>
    </message>
    <message>
        <source>is missing (a style needs an id or a title)</source>
        <translation>fehlt (ein Stil braucht eine ID oder einen Titel)</translation>
    </message>
    <message>
        <source>must be lowercase letters, digits, '-' and '_'</source>
        <translation>darf nur Kleinbuchstaben, Ziffern, '-' und '_' enthalten</translation>
    </message>
    <message>
        <source>invalid JSON at character %1: %2</source>
        <translation>ungültiges JSON bei Zeichen %1: %2</translation>
    </message>
    <message>
        <source>must be an object</source>
        <translation>muss ein Objekt sein</translation>
    </message>
    <message>
        <source>must be a list</source>
        <translation>muss eine Liste sein</translation>
    </message>
    <message>
        <source>style %1: %2</source>
        <translation>Stil %1: %2</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>invalid style id '%1'</source>
        <translation>ungültige Stil-ID '%1'</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>must be one of local, comfyui, openai, stability</source>
        <translation>muss local, comfyui, openai oder stability sein</translation>
    </message>
    <message>
        <source>must be a list of engines, e.g. ["stability", "local"]</source>
        <translation>muss eine Liste von Engines sein, z. B. ["stability", "local"]</translation>
    </message>
    <message>
        <source>may name local only last</source>
        <translation>darf local nur zuletzt nennen</translation>
    </message>
</context>
<context>
    <name>easel::StylePicker</name>
    <message>
        <source>Cinematic</source>
        <translation>Filmisch</translation>
    </message>
    <message>
        <source>Photographic</source>
        <translation>Fotografisch</translation>
    </message>
    <message>
        <source>Anime</source>
        <translation>Anime-Stil</translation>
    </message>
    <message>
        <source>Watercolor</source>
        <translation>Aquarell</translation>
    </message>
    <message>
        <source>Comic book</source>
        <translation>Comic</translation>
    </message>
    <message>
        <source>Pixel art</source>
        <translation>Pixelkunst</translation>
    </message>
    <message>
        <source>Storyboard sketch</source>
        <translation>Storyboard-Skizze</translation>
    </message>
    <message>
        <source>Fantasy illustration</source>
        <translation>Fantasy-Illustration</translation>
    </message>
    <message>
        <source>No style</source>
        <translation>Kein Stil</translation>
    </message>
    <message>
        <source>Negative: %1</source>
        <translation>Negativ: %1</translation>
    </message>
</context>
<context>
    <name>easel::Transaction</name>
    <message>
        <source>Gallery index %1: %2</source>
        <translation>Galerie-Index %1: %2</translation>
    </message>
</context>
<context>
    <name>easel::Writer</name>
    <message>
        <source>Gallery index %1: %2</source>
        <translation>Galerie-Index %1: %2</translation>
    </message>
</context>
<context>
    <name>easel::finishing</name>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.webp *.bmp *.tif *.tiff)</source>
        <translation>Bilder (*.png *.jpg *.jpeg *.webp *.bmp *.tif *.tiff)</translation>
    </message>
</context>
<context>
    <name>easel::imaging</name>
    <message>
        <source>The inpainting mask must be an 8-bit grey image</source>
        <translation>Die Inpainting-Maske muss ein 8-Bit-Graustufenbild sein</translation>
    </message>
</context>
<context>
    <name>easel::imaging::exportFile</name>
    <message>
        <source>JPEG has no transparency: transparent parts of %1 are white.</source>
        <translation>JPEG kennt keine Transparenz: Transparente Bereiche von %1 werden weiß.</translation>
    </message>
    <message>
        <source>%1: some metadata is too large for JPEG and was left out.</source>
        <translation>%1: Einige Metadaten sind zu groß für JPEG und wurden weggelassen.</translation>
    </message>
</context>
</TS>