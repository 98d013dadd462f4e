import { TemplateSet } from './template-names';

/** French is partial on purpose for now: what is missing is sent in English, never blank. */
export const FR: TemplateSet = {
  'appliance-registered': {
    subject: 'Votre {{brandModel}} est enregistré',
    text: 'Bonjour {{name}},\n\nvotre {{brandModel}} (numéro de série {{serialNumber}}) est enregistré.{{#if replaces}} Il remplace votre appareil de numéro de série {{replaces.serialNumber}} (réparation {{replaces.ticketId}}).{{/if}} La garantie court jusqu’au {{date warrantyEndsAt}}.\n\nAppliance Care',
    html: '<p>Bonjour {{name}},</p><p>votre <b>{{brandModel}}</b> (numéro de série {{serialNumber}}) est enregistré.{{#if replaces}} Il remplace votre appareil de numéro de série {{replaces.serialNumber}} (réparation {{replaces.ticketId}}).{{/if}} La garantie court jusqu’au <b>{{date warrantyEndsAt}}</b>.</p>',
    sms: 'Votre {{brandModel}} est enregistré ; garantie jusqu’au {{date warrantyEndsAt}}.',
  },
  'technician-en-route': {
    subject: 'Votre technicien est en route',
    text: 'Bonjour {{name}},\n\nvotre technicien est en route, arrivée prévue à {{date eta}}.\n\nAppliance Care',
    html: '<p>Bonjour {{name}},</p><p>votre technicien est en route, arrivée prévue à <b>{{date eta}}</b>.</p>',
    sms: 'Votre technicien est en route, arrivée vers {{date eta}}.',
  },
  'repair-completed': {
    subject: 'Votre appareil est réparé',
    text: 'Bonjour {{name}},\n\nla réparation est terminée : {{workDone}}.{{#if feedbackLink}}\n\nQu’en avez-vous pensé ? Dites-le-nous en une minute : {{feedbackLink}}{{/if}}\n\nAppliance Care',
  },
};
