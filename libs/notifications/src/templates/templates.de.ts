import { TemplateSet } from './template-names';

export const DE: TemplateSet = {
  'appliance-registered': {
    subject: 'Ihr {{brandModel}} ist registriert',
    text: 'Hallo {{name}},\n\nIhr {{brandModel}} (Seriennummer {{serialNumber}}) ist registriert. Die Garantie läuft bis {{date warrantyEndsAt}}.\n\nAppliance Care',
    html: '<p>Hallo {{name}},</p><p>Ihr <b>{{brandModel}}</b> (Seriennummer {{serialNumber}}) ist registriert. Die Garantie läuft bis <b>{{date warrantyEndsAt}}</b>.</p>',
    sms: 'Ihr {{brandModel}} ist registriert; Garantie bis {{date warrantyEndsAt}}.',
  },
  'installation-scheduled': {
    subject: 'Ihre Installation ist für {{date window.from}} gebucht',
    text: 'Hallo {{name}},\n\n{{#if technicianName}}{{technicianName}}{{else}}unser Techniker{{/if}} installiert Ihr Gerät am {{window window}}.\n\nAppliance Care',
    html: '<p>Hallo {{name}},</p><p>{{#if technicianName}}<b>{{technicianName}}</b>{{else}}unser Techniker{{/if}} installiert Ihr Gerät am <b>{{window window}}</b>.</p>',
    sms: 'Installation gebucht: {{window window}}{{#if technicianName}} mit {{technicianName}}{{/if}}.',
  },
  'installation-completed': {
    subject: 'Ihr Gerät ist installiert',
    text: 'Hallo {{name}},\n\nIhr Gerät wurde am {{date completedAt}} installiert und ist betriebsbereit.{{#if notes}}\n\nHinweise des Technikers: {{notes}}{{/if}}\n\nAppliance Care',
    html: '<p>Hallo {{name}},</p><p>Ihr Gerät wurde am {{date completedAt}} installiert und ist betriebsbereit.</p>{{#if notes}}<p>Hinweise des Technikers: {{notes}}</p>{{/if}}',
    sms: 'Ihr Gerät ist installiert und betriebsbereit.',
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
    text: 'Hallo {{name}},\n\n{{technicianName}} kommt am {{window window}}, um sich Ihr Gerät anzusehen.\n\nAppliance Care',
    html: '<p>Hallo {{name}},</p><p><b>{{technicianName}}</b> kommt am <b>{{window window}}</b>, um sich Ihr Gerät anzusehen.</p>',
    sms: 'Technikerbesuch gebucht: {{window window}} mit {{technicianName}}.',
  },
  'diagnosis-outcome': {
    subject:
      '{{#if (eq outcome "repair-required")}}Ihr Gerät muss repariert werden{{else if (eq outcome "resolved")}}Ihr Problem ist gelöst{{else}}Kein Fehler gefunden{{/if}}',
    text: 'Hallo {{name}},\n\n{{#if (eq outcome "repair-required")}}die Diagnose hat einen Fehler gefunden, der repariert werden muss{{#each faults}}: {{description}}{{/each}}. Wir eröffnen einen Reparaturauftrag.{{else if (eq outcome "resolved")}}das Problem mit Ihrem Gerät ist gelöst.{{else}}wir haben an Ihrem Gerät keinen Fehler gefunden.{{/if}}\n\nAppliance Care',
    html: '<p>Hallo {{name}},</p><p>{{#if (eq outcome "repair-required")}}die Diagnose hat einen Fehler gefunden, der repariert werden muss{{#each faults}}: {{description}}{{/each}}. Wir eröffnen einen Reparaturauftrag.{{else if (eq outcome "resolved")}}das Problem mit Ihrem Gerät ist gelöst.{{else}}wir haben an Ihrem Gerät keinen Fehler gefunden.{{/if}}</p>',
    sms: 'Diagnose: {{#if (eq outcome "repair-required")}}Reparatur nötig{{else if (eq outcome "resolved")}}gelöst{{else}}kein Fehler gefunden{{/if}}.',
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
    text: 'Hallo {{name}},\n\ndie Reparatur ist abgeschlossen: {{workDone}}.\n\nAppliance Care',
    html: '<p>Hallo {{name}},</p><p>die Reparatur ist abgeschlossen: {{workDone}}.</p>',
    sms: 'Ihr Gerät ist repariert.',
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
};
