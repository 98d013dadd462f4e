import { TemplateSet } from './template-names';
import { LIBRARY_DE } from './templates-library.de';

export const DE: TemplateSet = {
  ...LIBRARY_DE,
  'appliance-registered': {
    subject: 'Ihr {{brandModel}} ist registriert',
    text: 'Hallo {{name}},\n\nIhr {{brandModel}} (Seriennummer {{serialNumber}}) ist registriert.{{#if replaces}} Es ersetzt Ihr Gerät mit der Seriennummer {{replaces.serialNumber}} (Reparatur {{replaces.ticketId}}).{{/if}} Die Garantie läuft bis {{date warrantyEndsAt}}.\n\nAppliance Care',
    html: '<p>Hallo {{name}},</p><p>Ihr <b>{{brandModel}}</b> (Seriennummer {{serialNumber}}) ist registriert. Die Garantie läuft bis <b>{{date warrantyEndsAt}}</b>.</p>',
    sms: 'Ihr {{brandModel}} ist registriert; Garantie bis {{date warrantyEndsAt}}.',
  },
  'installation-scheduled': {
    subject: 'Ihre Installation ist für {{date window.from}} gebucht',
    text: 'Hallo {{name}},\n\n{{#if technicianName}}{{technicianName}}{{else}}unser Techniker{{/if}} installiert Ihr Gerät am {{window window}}.{{#if appointmentLink}}\n\nTermin verschieben oder absagen: {{appointmentLink}}{{/if}}\n\nAppliance Care',
    html: '<p>Hallo {{name}},</p><p>{{#if technicianName}}<b>{{technicianName}}</b>{{else}}unser Techniker{{/if}} installiert Ihr Gerät am <b>{{window window}}</b>.</p>{{#if appointmentLink}}<p><a href="{{appointmentLink}}">Termin verschieben oder absagen</a></p>{{/if}}',
    sms: 'Installation gebucht: {{window window}}{{#if technicianName}} mit {{technicianName}}{{/if}}.{{#if appointmentLink}} Verschieben oder absagen: {{appointmentLink}}{{/if}}',
  },
  'installation-completed': {
    subject: 'Ihr Gerät ist installiert',
    text: 'Hallo {{name}},\n\nIhr Gerät wurde am {{date completedAt}} installiert und ist betriebsbereit.{{#if notes}}\n\nHinweise des Technikers: {{notes}}{{/if}}{{#if feedbackLink}}\n\nWie waren wir? Sagen Sie es uns in einer Minute: {{feedbackLink}}{{/if}}\n\nAppliance Care',
    html: '<p>Hallo {{name}},</p><p>Ihr Gerät wurde am {{date completedAt}} installiert und ist betriebsbereit.</p>{{#if notes}}<p>Hinweise des Technikers: {{notes}}</p>{{/if}}{{#if feedbackLink}}<p>Wie waren wir? <a href="{{feedbackLink}}">Sagen Sie es uns in einer Minute</a></p>{{/if}}',
    sms: 'Ihr Gerät ist installiert und betriebsbereit.{{#if feedbackLink}} Wie waren wir? {{feedbackLink}}{{/if}}',
  },
  'maintenance-due': {
    subject: 'Ihre {{planName}} ist am {{date dueAt}} fällig',
    text: 'Hallo {{name}},\n\ndie {{planName}} Ihres Geräts ({{category}}) ist am {{date dueAt}} fällig. Wir buchen einen Techniker und senden Ihnen den Termin, den Sie verschieben oder absagen können.\n\nAppliance Care',
    html: '<p>Hallo {{name}},</p><p>die <b>{{planName}}</b> Ihres Geräts ({{category}}) ist am <b>{{date dueAt}}</b> fällig. Wir buchen einen Techniker und senden Ihnen den Termin, den Sie verschieben oder absagen können.</p>',
    sms: '{{planName}} fällig am {{date dueAt}}: wir buchen Ihren Termin.',
  },
  'maintenance-visit-booked': {
    subject: 'Ihr Wartungstermin ist am {{date window.from}}',
    text: 'Hallo {{name}},\n\n{{technicianName}} wartet Ihr Gerät am {{window window}}.{{#if appointmentLink}}\n\nTermin verschieben oder absagen: {{appointmentLink}}{{/if}}\n\nAppliance Care',
    html: '<p>Hallo {{name}},</p><p><b>{{technicianName}}</b> wartet Ihr Gerät am <b>{{window window}}</b>.</p>{{#if appointmentLink}}<p><a href="{{appointmentLink}}">Termin verschieben oder absagen</a></p>{{/if}}',
    sms: 'Wartungstermin: {{window window}} mit {{technicianName}}.{{#if appointmentLink}} Verschieben/absagen: {{appointmentLink}}{{/if}}',
  },
  'maintenance-completed': {
    subject: 'Ihre {{planName}} ist erledigt',
    text: 'Hallo {{name}},\n\ndie {{planName}} Ihres Geräts wurde am {{date completedAt}} erledigt. Die nächste ist am {{date nextDueAt}} fällig; wir melden uns vorher.\n\nAppliance Care',
    html: '<p>Hallo {{name}},</p><p>die <b>{{planName}}</b> Ihres Geräts wurde am {{date completedAt}} erledigt. Die nächste ist am <b>{{date nextDueAt}}</b> fällig; wir melden uns vorher.</p>',
    sms: '{{planName}} erledigt. Nächste fällig am {{date nextDueAt}}.',
  },
  'problem-received': {
    subject: 'Wir haben Ihre Problemmeldung erhalten ({{caseId}})',
    text: 'Hallo {{name}},\n\nwir haben das Problem mit Ihrem Gerät ({{category}}){{#if errorCode}}, Fehler {{errorCode}},{{/if}} erhalten. Fall {{caseId}} wird bearbeitet; wir melden uns mit dem nächsten Schritt.\n\nAppliance Care',
    html: '<p>Hallo {{name}},</p><p>wir haben das Problem mit Ihrem Gerät ({{category}}){{#if errorCode}}, Fehler {{errorCode}},{{/if}} erhalten. Fall <b>{{caseId}}</b> wird bearbeitet; wir melden uns mit dem nächsten Schritt.</p>',
    sms: 'Problem erhalten (Fall {{caseId}}). Wir melden uns.',
  },
  'guidance-sent': {
    subject: 'So beheben Sie das Problem selbst',
    text: 'Hallo {{name}},\n\nvermutlich: {{fault.description}}. Bitte versuchen Sie:\n{{#each steps}}{{inc @index}}. {{this}}\n{{/each}}\nWenn das nicht hilft, sagen Sie uns Bescheid; wir schicken einen Techniker.\n\nAppliance Care',
    html: '<p>Hallo {{name}},</p><p>vermutlich: {{fault.description}}. Bitte versuchen Sie:</p><ol>{{#each steps}}<li>{{this}}</li>{{/each}}</ol><p>Wenn das nicht hilft, sagen Sie uns Bescheid; wir schicken einen Techniker.</p>',
    sms: 'Wir haben Ihnen eine Anleitung zur Fehlerbehebung geschickt.',
  },
  'visit-scheduled': {
    subject: 'Technikerbesuch am {{date window.from}} gebucht',
    text: 'Hallo {{name}},\n\n{{technicianName}} kommt am {{window window}}, um sich Ihr Gerät anzusehen.{{#if appointmentLink}}\n\nTermin verschieben oder absagen: {{appointmentLink}}{{/if}}\n\nAppliance Care',
    html: '<p>Hallo {{name}},</p><p><b>{{technicianName}}</b> kommt am <b>{{window window}}</b>, um sich Ihr Gerät anzusehen.</p>{{#if appointmentLink}}<p><a href="{{appointmentLink}}">Termin verschieben oder absagen</a></p>{{/if}}',
    sms: 'Technikerbesuch gebucht: {{window window}} mit {{technicianName}}.{{#if appointmentLink}} Verschieben oder absagen: {{appointmentLink}}{{/if}}',
  },
  'diagnosis-outcome': {
    subject:
      '{{#if (eq outcome "repair-required")}}Ihr Gerät muss repariert werden{{else if (eq outcome "resolved")}}Ihr Problem ist gelöst{{else}}Kein Fehler gefunden{{/if}}',
    text: 'Hallo {{name}},\n\n{{#if (eq outcome "repair-required")}}die Diagnose hat einen Fehler gefunden, der repariert werden muss{{#each faults}}: {{description}}{{/each}}. Wir eröffnen einen Reparaturauftrag.{{else if (eq outcome "resolved")}}das Problem mit Ihrem Gerät ist gelöst.{{else}}wir haben an Ihrem Gerät keinen Fehler gefunden.{{/if}}{{#if feedbackLink}}\n\nWie waren wir? Sagen Sie es uns in einer Minute: {{feedbackLink}}{{/if}}\n\nAppliance Care',
    html: '<p>Hallo {{name}},</p><p>{{#if (eq outcome "repair-required")}}die Diagnose hat einen Fehler gefunden, der repariert werden muss{{#each faults}}: {{description}}{{/each}}. Wir eröffnen einen Reparaturauftrag.{{else if (eq outcome "resolved")}}das Problem mit Ihrem Gerät ist gelöst.{{else}}wir haben an Ihrem Gerät keinen Fehler gefunden.{{/if}}</p>{{#if feedbackLink}}<p>Wie waren wir? <a href="{{feedbackLink}}">Sagen Sie es uns in einer Minute</a></p>{{/if}}',
    sms: 'Diagnose: {{#if (eq outcome "repair-required")}}Reparatur nötig{{else if (eq outcome "resolved")}}gelöst{{else}}kein Fehler gefunden{{/if}}.{{#if feedbackLink}} Wie waren wir? {{feedbackLink}}{{/if}}',
  },
  'repair-ticket-opened': {
    subject:
      'Reparaturauftrag {{ticketId}}: {{#if (eq coverage.status "covered")}}Garantiefall{{else}}kostenpflichtig{{/if}}',
    text: 'Hallo {{name}},\n\nReparaturauftrag {{ticketId}} ist eröffnet. {{#if (eq coverage.status "covered")}}Die Reparatur ist durch Ihre Garantie gedeckt.{{else}}Die Reparatur ist kostenpflichtig{{#if coverage.estimate}} (Schätzung {{money coverage.estimate.total coverage.estimate.currency}}){{/if}}.{{/if}} Wir planen den Abschluss bis {{date slaDueAt}}.\n\nAppliance Care',
    html: '<p>Hallo {{name}},</p><p>Reparaturauftrag <b>{{ticketId}}</b> ist eröffnet. {{#if (eq coverage.status "covered")}}Die Reparatur ist <b>durch Ihre Garantie gedeckt</b>.{{else}}Die Reparatur ist <b>kostenpflichtig</b>{{#if coverage.estimate}} (Schätzung {{money coverage.estimate.total coverage.estimate.currency}}){{/if}}.{{/if}} Wir planen den Abschluss bis {{date slaDueAt}}.</p>',
    sms: 'Reparaturauftrag {{ticketId}} eröffnet ({{#if (eq coverage.status "covered")}}Garantie{{else}}kostenpflichtig{{/if}}).',
  },
  'technician-en-route': {
    subject: 'Ihr Techniker ist unterwegs',
    text: 'Hallo {{name}},\n\nIhr Techniker ist unterwegs und wird um {{date eta}} erwartet.\n\nAppliance Care',
    html: '<p>Hallo {{name}},</p><p>Ihr Techniker ist unterwegs und wird um <b>{{date eta}}</b> erwartet.</p>',
    sms: 'Ihr Techniker ist unterwegs, Ankunft ca. {{date eta}}.',
  },
  'repair-awaiting-parts': {
    subject: 'Ihre Reparatur wartet auf Ersatzteile',
    text: 'Hallo {{name}},\n\nfür Ihre Reparatur werden Teile benötigt ({{#each parts}}{{#unless @first}}, {{/unless}}{{quantity}} × {{name}}{{/each}}), erwartet bis {{date expectedAt}}. Wir machen weiter, sobald sie da sind.\n\nAppliance Care',
    html: '<p>Hallo {{name}},</p><p>für Ihre Reparatur werden Teile benötigt, erwartet bis <b>{{date expectedAt}}</b>:</p><ul>{{#each parts}}<li>{{quantity}} × {{name}}</li>{{/each}}</ul><p>Wir machen weiter, sobald sie da sind.</p>',
    sms: 'Ihre Reparatur wartet auf Teile, erwartet {{date expectedAt}}.',
  },
  'repair-completed': {
    subject: 'Ihr Gerät ist repariert',
    text: 'Hallo {{name}},\n\ndie Reparatur ist abgeschlossen: {{workDone}}.{{#if feedbackLink}}\n\nWie waren wir? Sagen Sie es uns in einer Minute: {{feedbackLink}}{{/if}}\n\nAppliance Care',
    html: '<p>Hallo {{name}},</p><p>die Reparatur ist abgeschlossen: {{workDone}}.</p>{{#if feedbackLink}}<p>Wie waren wir? <a href="{{feedbackLink}}">Sagen Sie es uns in einer Minute</a></p>{{/if}}',
    sms: 'Ihr Gerät ist repariert.{{#if feedbackLink}} Wie waren wir? {{feedbackLink}}{{/if}}',
  },
  'repair-cancelled': {
    subject: 'Reparatur {{ticketId}} storniert',
    text: 'Hallo {{name}},\n\ndie Reparatur {{ticketId}} wurde storniert: {{reason}}.\n\nAppliance Care',
    html: '<p>Hallo {{name}},</p><p>die Reparatur <b>{{ticketId}}</b> wurde storniert: {{reason}}.</p>',
    sms: 'Reparatur {{ticketId}} wurde storniert.',
  },
  'sla-breach-apology': {
    subject: 'Entschuldigung: Ihre Reparatur verspätet sich',
    text: 'Hallo {{name}},\n\nwir hatten den Abschluss der Reparatur {{ticketId}} bis {{date slaDueAt}} zugesagt und das nicht geschafft. Das tut uns leid; sie hat jetzt höchste Priorität.\n\nAppliance Care',
    html: '<p>Hallo {{name}},</p><p>wir hatten den Abschluss der Reparatur <b>{{ticketId}}</b> bis {{date slaDueAt}} zugesagt und das nicht geschafft. Das tut uns leid; sie hat jetzt höchste Priorität.</p>',
    sms: 'Entschuldigung: Reparatur {{ticketId}} verspätet sich. Sie hat jetzt höchste Priorität.',
  },
  'work-order-assigned': {
    subject: 'Neuer Auftrag {{workOrderId}} ({{kind}}): {{date window.from}}',
    text: 'Hallo {{name}},\n\nneuer Auftrag {{workOrderId}} ({{kind}}, Gerät {{applianceId}}) am {{window window}}.{{#if address}}\nAdresse: {{address.line1}}, {{address.postalCode}} {{address.city}}{{/if}}{{#if summary}}\n{{summary}}{{/if}}\n\nAppliance Care Disposition',
    html: '<p>Hallo {{name}},</p><p>neuer Auftrag {{workOrderId}} (<b>{{kind}}</b>, Gerät {{applianceId}}) am <b>{{window window}}</b>.</p>{{#if address}}<p>Adresse: {{address.line1}}, {{address.postalCode}} {{address.city}}</p>{{/if}}{{#if summary}}<p>{{summary}}</p>{{/if}}',
    sms: 'Neuer Auftrag {{workOrderId}} ({{kind}}): {{window window}}{{#if address}}, {{address.postalCode}} {{address.city}}{{/if}}.',
  },
  'work-order-reassigned': {
    subject: 'Auftrag {{workOrderId}} ist nicht mehr Ihrer',
    text: 'Hallo {{name}},\n\nder Auftrag {{workOrderId}} ({{kind}}) am {{window window}} wurde aus Ihrem Kalender genommen ({{reason}}).\n\nAppliance Care Disposition',
    html: '<p>Hallo {{name}},</p><p>der Auftrag {{workOrderId}} ({{kind}}) am {{window window}} wurde aus Ihrem Kalender genommen ({{reason}}).</p>',
    sms: 'Auftrag {{workOrderId}} am {{date window.from}} ist nicht mehr in Ihrem Kalender ({{reason}}).',
  },
  'work-order-cancelled': {
    subject: 'Auftrag {{workOrderId}} storniert',
    text: 'Hallo {{name}},\n\nder Auftrag {{workOrderId}} ({{kind}}) am {{window window}} wurde storniert.\n\nAppliance Care Disposition',
    html: '<p>Hallo {{name}},</p><p>der Auftrag {{workOrderId}} ({{kind}}) am {{window window}} wurde storniert.</p>',
    sms: 'Auftrag {{workOrderId}} am {{date window.from}} ist storniert.',
  },
  'repair-cancelled-technician': {
    subject: 'Reparatur {{ticketId}} storniert',
    text: 'Hallo {{name}},\n\ndie Reparatur {{ticketId}} (Gerät {{applianceId}}) wurde storniert ({{cancelledBy}}): {{reason}}. Bitte nicht hinfahren.\n\nAppliance Care Disposition',
    html: '<p>Hallo {{name}},</p><p>die Reparatur <b>{{ticketId}}</b> (Gerät {{applianceId}}) wurde storniert ({{cancelledBy}}): {{reason}}. Bitte nicht hinfahren.</p>',
    sms: 'Reparatur {{ticketId}} storniert. Bitte nicht hinfahren.',
  },
  'repair-visit-booked': {
    subject: 'Ihr Reparaturtermin ist für {{date window.from}} gebucht',
    text: 'Hallo {{name}},\n\n{{technicianName}} kommt am {{window window}}, um Ihr Gerät zu reparieren.{{#if appointmentLink}}\n\nTermin verschieben oder absagen: {{appointmentLink}}{{/if}}\n\nAppliance Care',
    html: '<p>Hallo {{name}},</p><p><b>{{technicianName}}</b> kommt am <b>{{window window}}</b>, um Ihr Gerät zu reparieren.</p>{{#if appointmentLink}}<p><a href="{{appointmentLink}}">Termin verschieben oder absagen</a></p>{{/if}}',
    sms: 'Reparaturtermin gebucht: {{window window}} mit {{technicianName}}.{{#if appointmentLink}} Verschieben oder absagen: {{appointmentLink}}{{/if}}',
  },
  'appointment-cancelled': {
    subject: 'Ihr {{#if (eq kind "installation")}}Installationstermin{{else}}Technikerbesuch{{/if}} ist abgesagt',
    text: 'Hallo {{name}},\n\nIhr {{#if (eq kind "installation")}}Installationstermin{{else}}Technikerbesuch{{/if}}{{#if window}} am {{window window}}{{/if}} ist abgesagt: {{reason}}.\n\nAppliance Care',
    html: '<p>Hallo {{name}},</p><p>Ihr {{#if (eq kind "installation")}}Installationstermin{{else}}Technikerbesuch{{/if}}{{#if window}} am <b>{{window window}}</b>{{/if}} ist abgesagt: {{reason}}.</p>',
    sms: 'Ihr {{#if (eq kind "installation")}}Installationstermin{{else}}Technikerbesuch{{/if}}{{#if window}} am {{date window.from}}{{/if}} ist abgesagt.',
  },
  'appointment-cancelled-technician': {
    subject: 'Auftrag {{workOrderId}} abgesagt',
    text: 'Hallo {{name}},\n\nder Auftrag {{workOrderId}} ({{kind}}, Gerät {{applianceId}}){{#if window}} am {{window window}}{{/if}} wurde abgesagt ({{cancelledBy}}): {{reason}}. Bitte nicht hinfahren.\n\nAppliance Care Disposition',
    html: '<p>Hallo {{name}},</p><p>der Auftrag <b>{{workOrderId}}</b> ({{kind}}, Gerät {{applianceId}}){{#if window}} am {{window window}}{{/if}} wurde abgesagt ({{cancelledBy}}): {{reason}}. Bitte nicht hinfahren.</p>',
    sms: 'Auftrag {{workOrderId}}{{#if window}} am {{date window.from}}{{/if}} abgesagt. Bitte nicht hinfahren.',
  },
  'appointment-bumped': {
    subject: 'Wir müssen Ihren Termin vom {{date window.from}} verschieben',
    text: 'Hallo {{name}},\n\nes tut uns leid: Ein Notfall braucht Ihren Techniker am {{window window}}, daher müssen wir Ihren {{#if (eq kind "installation")}}Installationstermin{{else if (eq kind "repair")}}Reparaturtermin{{else}}Technikerbesuch{{/if}} verschieben. Wir buchen gerade einen neuen Termin und schicken ihn Ihnen in Kürze.\n\nAppliance Care',
    html: '<p>Hallo {{name}},</p><p>es tut uns leid: Ein Notfall braucht Ihren Techniker am <b>{{window window}}</b>, daher müssen wir Ihren {{#if (eq kind "installation")}}Installationstermin{{else if (eq kind "repair")}}Reparaturtermin{{else}}Technikerbesuch{{/if}} verschieben. Wir buchen gerade einen neuen Termin und schicken ihn Ihnen in Kürze.</p>',
    sms: 'Entschuldigung: Ein Notfall braucht Ihren Termin vom {{date window.from}}. Der neue Termin folgt in Kürze.',
  },
  'repair-parts-arrived': {
    subject: 'Die Teile für Ihre Reparatur sind da',
    text: 'Hallo {{name}},\n\ndie Teile für die Reparatur {{ticketId}} ({{#each parts}}{{#unless @first}}, {{/unless}}{{quantity}} × {{name}}{{/each}}) sind eingetroffen. Wir buchen den nächsten Besuch und nennen Ihnen den Termin.\n\nAppliance Care',
    html: '<p>Hallo {{name}},</p><p>die Teile für die Reparatur <b>{{ticketId}}</b> sind eingetroffen:</p><ul>{{#each parts}}<li>{{quantity}} × {{name}}</li>{{/each}}</ul><p>Wir buchen den nächsten Besuch und nennen Ihnen den Termin.</p>',
    sms: 'Die Teile für die Reparatur {{ticketId}} sind da; wir buchen den nächsten Besuch.',
  },
  'repair-replacement-approved': {
    subject: 'Wir ersetzen Ihr Gerät im Rahmen der Garantie',
    text: 'Hallo {{name}},\n\neine Reparatur Ihres Geräts (Reparatur {{ticketId}}) lohnt sich nicht: {{reason}}. Wir ersetzen es stattdessen im Rahmen der Garantie; Seriennummer und Garantie des neuen Geräts folgen mit seiner Registrierung.\n\nAppliance Care',
    html: '<p>Hallo {{name}},</p><p>eine Reparatur Ihres Geräts (Reparatur <b>{{ticketId}}</b>) lohnt sich nicht: {{reason}}. Wir <b>ersetzen es im Rahmen der Garantie</b>; Seriennummer und Garantie des neuen Geräts folgen mit seiner Registrierung.</p>',
    sms: 'Reparatur {{ticketId}}: Wir ersetzen Ihr Gerät im Rahmen der Garantie.',
  },
  'installation-failed': {
    subject: 'Ihre Installation konnte nicht abgeschlossen werden',
    text: 'Hallo {{name}},\n\ndie Installation am {{date failedAt}} konnte nicht abgeschlossen werden: {{reason}}. Wir buchen einen neuen Besuch und nennen Ihnen den Termin.\n\nAppliance Care',
    html: '<p>Hallo {{name}},</p><p>die Installation am {{date failedAt}} konnte nicht abgeschlossen werden: {{reason}}. Wir buchen einen neuen Besuch und nennen Ihnen den Termin.</p>',
    sms: 'Ihre Installation konnte nicht abgeschlossen werden ({{reason}}). Wir buchen einen neuen Besuch.',
  },
  'installation-rescheduled': {
    subject: 'Ihr Installationstermin wird verschoben',
    text: 'Hallo {{name}},\n\nIhr Installationstermin muss verschoben werden: {{reason}}. Wir buchen einen neuen Besuch{{#if preferredWindow}} um den {{window preferredWindow}}{{/if}} und nennen Ihnen den Termin.\n\nAppliance Care',
    html: '<p>Hallo {{name}},</p><p>Ihr Installationstermin muss verschoben werden: {{reason}}. Wir buchen einen neuen Besuch{{#if preferredWindow}} um den <b>{{window preferredWindow}}</b>{{/if}} und nennen Ihnen den Termin.</p>',
    sms: 'Ihr Installationstermin wird verschoben ({{reason}}). Der neue Termin folgt.',
  },
  // eine Erinnerung vor dem Termin (reminder sweeper): was, wann, wer
  'appointment-reminder': {
    subject:
      'Erinnerung: {{#if (eq kind "installation")}}Installation{{else if (eq kind "repair")}}Reparatur{{else}}Technikerbesuch{{/if}} am {{date window.from}}',
    text: 'Hallo {{name}},\n\nwir erinnern Sie an Ihren Termin ({{#if (eq kind "installation")}}Installation{{else if (eq kind "repair")}}Reparatur{{else}}Technikerbesuch{{/if}}): {{#if technicianName}}{{technicianName}}{{else}}unser Techniker{{/if}} kommt am {{window window}}.{{#if address}}\nAdresse: {{address.line1}}, {{address.postalCode}} {{address.city}}{{/if}}\nBitte sorgen Sie dafür, dass jemand zu Hause und das Gerät zugänglich ist.{{#if appointmentLink}}\n\nTermin verschieben oder absagen: {{appointmentLink}}{{/if}}\n\nAppliance Care',
    html: '<p>Hallo {{name}},</p><p>wir erinnern Sie an Ihren Termin ({{#if (eq kind "installation")}}Installation{{else if (eq kind "repair")}}Reparatur{{else}}Technikerbesuch{{/if}}): {{#if technicianName}}<b>{{technicianName}}</b>{{else}}unser Techniker{{/if}} kommt am <b>{{window window}}</b>.</p>{{#if address}}<p>Adresse: {{address.line1}}, {{address.postalCode}} {{address.city}}</p>{{/if}}<p>Bitte sorgen Sie dafür, dass jemand zu Hause und das Gerät zugänglich ist.</p>{{#if appointmentLink}}<p><a href="{{appointmentLink}}">Termin verschieben oder absagen</a></p>{{/if}}',
    sms: 'Erinnerung: {{#if (eq kind "installation")}}Installation{{else if (eq kind "repair")}}Reparatur{{else}}Technikerbesuch{{/if}} am {{window window}}{{#if technicianName}} mit {{technicianName}}{{/if}}.{{#if appointmentLink}} Verschieben oder absagen: {{appointmentLink}}{{/if}}',
  },
  // Meldungen an das Dispositionsteam
  'dispatch-unassignable': {
    subject: 'Nicht zuteilbar: Auftrag {{workOrderId}} ({{kind}}){{#if region}}, {{region}}{{/if}}',
    text: 'Hallo {{name}},\n\nfür den Auftrag {{workOrderId}} ({{kind}}, Gerät {{applianceId}}{{#if region}}, Region {{region}}{{/if}}) konnte niemand gebucht werden: {{reason}}.\nEr wartet auf der Tafel; von Hand zuteilen mit POST /api/v1/work-orders/{{workOrderId}}/assign.\n\nAppliance Care Benachrichtigungen',
    html: '<p>Hallo {{name}},</p><p>für den Auftrag <b>{{workOrderId}}</b> ({{kind}}, Gerät {{applianceId}}{{#if region}}, Region {{region}}{{/if}}) konnte niemand gebucht werden: {{reason}}.</p><p>Er wartet auf der Tafel; von Hand zuteilen mit <code>POST /api/v1/work-orders/{{workOrderId}}/assign</code>.</p>',
    sms: 'Nicht zuteilbar: Auftrag {{workOrderId}}{{#if region}} ({{region}}){{/if}}: {{reason}}.',
  },
  'dispatch-maintenance-overdue': {
    subject: 'Wartung überfällig: Gerät {{applianceId}} (fällig {{date dueAt}})',
    text: 'Hallo {{name}},\n\ndie {{planName}} des Geräts {{applianceId}} (Kunde {{customerId}}, Region {{region}}) war am {{date dueAt}} fällig und ist nicht erledigt.{{#if workOrderId}} Auftrag: {{workOrderId}}.{{else}} Kein Termin gebucht.{{/if}}\n\nAppliance Care Benachrichtigungen',
    html: '<p>Hallo {{name}},</p><p>die <b>{{planName}}</b> des Geräts {{applianceId}} (Kunde {{customerId}}, Region {{region}}) war am <b>{{date dueAt}}</b> fällig und ist nicht erledigt.{{#if workOrderId}} Auftrag: {{workOrderId}}.{{else}} Kein Termin gebucht.{{/if}}</p>',
    sms: 'Wartung überfällig: Gerät {{applianceId}}, fällig {{date dueAt}}.',
  },
  'dispatch-sla-at-risk': {
    subject: 'SLA gefährdet: Reparatur {{ticketId}} fällig {{date slaDueAt}}',
    text: 'Hallo {{name}},\n\ndie Reparatur {{ticketId}} (Priorität {{priority}}, Gerät {{applianceId}}{{#if region}}, Region {{region}}{{/if}}) droht ihr SLA zu verfehlen: fällig bis {{date slaDueAt}}.{{#if technicianId}} Techniker: {{technicianId}}.{{else}} Kein Techniker gebucht.{{/if}}\n\nAppliance Care Benachrichtigungen',
    html: '<p>Hallo {{name}},</p><p>die Reparatur <b>{{ticketId}}</b> (Priorität {{priority}}, Gerät {{applianceId}}{{#if region}}, Region {{region}}{{/if}}) droht ihr SLA zu verfehlen: fällig bis <b>{{date slaDueAt}}</b>.{{#if technicianId}} Techniker: {{technicianId}}.{{else}} Kein Techniker gebucht.{{/if}}</p>',
    sms: 'SLA gefährdet: Reparatur {{ticketId}} fällig {{date slaDueAt}}.',
  },
  'dispatch-sla-breached': {
    subject: 'SLA verletzt: Reparatur {{ticketId}}',
    text: 'Hallo {{name}},\n\ndie Reparatur {{ticketId}} (Priorität {{priority}}, Gerät {{applianceId}}{{#if region}}, Region {{region}}{{/if}}) hat ihr SLA verfehlt: sie war fällig bis {{date slaDueAt}}.{{#if technicianId}} Techniker: {{technicianId}}.{{else}} Kein Techniker gebucht.{{/if}} Der Kunde hat eine Entschuldigung erhalten.\n\nAppliance Care Benachrichtigungen',
    html: '<p>Hallo {{name}},</p><p>die Reparatur <b>{{ticketId}}</b> (Priorität {{priority}}, Gerät {{applianceId}}{{#if region}}, Region {{region}}{{/if}}) hat ihr SLA verfehlt: sie war fällig bis <b>{{date slaDueAt}}</b>.{{#if technicianId}} Techniker: {{technicianId}}.{{else}} Kein Techniker gebucht.{{/if}} Der Kunde hat eine Entschuldigung erhalten.</p>',
    sms: 'SLA verletzt: Reparatur {{ticketId}} (fällig {{date slaDueAt}}).',
  },
  'dispatch-replacement-proposed': {
    subject: 'Ersatz vorgeschlagen: Reparatur {{ticketId}}',
    text: 'Hallo {{name}},\n\ndie Reparatur {{ticketId}} (Gerät {{applianceId}}, Region {{region}}) schlägt einen Garantieersatz vor: {{reason}}. Bitte auf dem Ticket genehmigen oder ablehnen.\n\nAppliance Care notifications',
    html: '<p>Hallo {{name}},</p><p>die Reparatur <b>{{ticketId}}</b> (Gerät {{applianceId}}, Region {{region}}) schlägt einen <b>Garantieersatz</b> vor: {{reason}}. Bitte auf dem Ticket genehmigen oder ablehnen.</p>',
    sms: 'Ersatz vorgeschlagen: Reparatur {{ticketId}} ({{reason}}).',
  },
};
