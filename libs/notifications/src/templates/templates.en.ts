import { MessageTemplate, TemplateName } from './template-names';
import { LIBRARY_EN } from './templates-library.en';

/** English: the complete set every other language falls back to. */
export const EN: Record<TemplateName, MessageTemplate> = {
  ...LIBRARY_EN,
  'appliance-registered': {
    subject: 'Your {{brandModel}} is registered',
    text: 'Hello {{name}},\n\nyour {{brandModel}} (serial {{serialNumber}}) is registered.{{#if replaces}} It replaces your appliance with serial {{replaces.serialNumber}} (repair {{replaces.ticketId}}).{{/if}} Its warranty runs until {{date warrantyEndsAt}}.\n\nAppliance Care',
    html: '<p>Hello {{name}},</p><p>your <b>{{brandModel}}</b> (serial {{serialNumber}}) is registered. Its warranty runs until <b>{{date warrantyEndsAt}}</b>.</p>',
    sms: 'Your {{brandModel}} is registered; warranty until {{date warrantyEndsAt}}.',
  },
  'installation-scheduled': {
    subject: 'Your installation is booked for {{date window.from}}',
    text: 'Hello {{name}},\n\n{{#if technicianName}}{{technicianName}}{{else}}our technician{{/if}} will install your appliance on {{window window}}.{{#if appointmentLink}}\n\nTo move or cancel this appointment: {{appointmentLink}}{{/if}}\n\nAppliance Care',
    html: '<p>Hello {{name}},</p><p>{{#if technicianName}}<b>{{technicianName}}</b>{{else}}our technician{{/if}} will install your appliance on <b>{{window window}}</b>.</p>{{#if appointmentLink}}<p><a href="{{appointmentLink}}">Move or cancel this appointment</a></p>{{/if}}',
    sms: 'Installation booked: {{window window}}{{#if technicianName}} with {{technicianName}}{{/if}}.{{#if appointmentLink}} Move or cancel: {{appointmentLink}}{{/if}}',
  },
  'installation-completed': {
    subject: 'Your appliance is installed',
    text: 'Hello {{name}},\n\nyour appliance was installed on {{date completedAt}} and is ready to use.{{#if notes}}\n\nTechnician notes: {{notes}}{{/if}}{{#if feedbackLink}}\n\nHow did we do? Tell us in a minute: {{feedbackLink}}{{/if}}\n\nAppliance Care',
    html: '<p>Hello {{name}},</p><p>your appliance was installed on {{date completedAt}} and is ready to use.</p>{{#if notes}}<p>Technician notes: {{notes}}</p>{{/if}}{{#if feedbackLink}}<p>How did we do? <a href="{{feedbackLink}}">Tell us in a minute</a></p>{{/if}}',
    sms: 'Your appliance is installed and ready to use.{{#if feedbackLink}} How did we do? {{feedbackLink}}{{/if}}',
  },
  'maintenance-due': {
    subject: 'Your {{planName}} is due on {{date dueAt}}',
    text: 'Hello {{name}},\n\nthe {{planName}} of your {{category}} is due on {{date dueAt}}. We are booking a technician and will send you the appointment, which you can move or cancel.\n\nAppliance Care',
    html: '<p>Hello {{name}},</p><p>the <b>{{planName}}</b> of your {{category}} is due on <b>{{date dueAt}}</b>. We are booking a technician and will send you the appointment, which you can move or cancel.</p>',
    sms: '{{planName}} due {{date dueAt}}: we are booking your visit.',
  },
  'maintenance-visit-booked': {
    subject: 'Your maintenance visit is booked for {{date window.from}}',
    text: 'Hello {{name}},\n\n{{technicianName}} will service your appliance on {{window window}}.{{#if appointmentLink}}\n\nTo move or cancel this appointment: {{appointmentLink}}{{/if}}\n\nAppliance Care',
    html: '<p>Hello {{name}},</p><p><b>{{technicianName}}</b> will service your appliance on <b>{{window window}}</b>.</p>{{#if appointmentLink}}<p><a href="{{appointmentLink}}">Move or cancel this appointment</a></p>{{/if}}',
    sms: 'Maintenance visit booked: {{window window}} with {{technicianName}}.{{#if appointmentLink}} Move or cancel: {{appointmentLink}}{{/if}}',
  },
  'maintenance-completed': {
    subject: 'Your {{planName}} is done',
    text: 'Hello {{name}},\n\nthe {{planName}} of your appliance was completed on {{date completedAt}}. The next one is due on {{date nextDueAt}}; we will be in touch before then.\n\nAppliance Care',
    html: '<p>Hello {{name}},</p><p>the <b>{{planName}}</b> of your appliance was completed on {{date completedAt}}. The next one is due on <b>{{date nextDueAt}}</b>; we will be in touch before then.</p>',
    sms: '{{planName}} done. Next one due {{date nextDueAt}}.',
  },
  'problem-received': {
    subject: 'We received your problem report ({{caseId}})',
    text: 'Hello {{name}},\n\nwe received the problem with your {{category}}{{#if errorCode}} (error {{errorCode}}){{/if}}. Case {{caseId}} is being looked at; we will tell you the next step.\n\nAppliance Care',
    html: '<p>Hello {{name}},</p><p>we received the problem with your {{category}}{{#if errorCode}} (error {{errorCode}}){{/if}}. Case <b>{{caseId}}</b> is being looked at; we will tell you the next step.</p>',
    sms: 'Problem received (case {{caseId}}). We will be in touch.',
  },
  'guidance-sent': {
    subject: 'Try this to fix your appliance',
    text: 'Hello {{name}},\n\nit looks like: {{fault.description}}. Please try:\n{{#each steps}}{{inc @index}}. {{this}}\n{{/each}}\nIf this does not help, tell us and we will send a technician.\n\nAppliance Care',
    html: '<p>Hello {{name}},</p><p>it looks like: {{fault.description}}. Please try:</p><ol>{{#each steps}}<li>{{this}}</li>{{/each}}</ol><p>If this does not help, tell us and we will send a technician.</p>',
    sms: 'We sent you steps to fix your appliance by email/app.',
  },
  'visit-scheduled': {
    subject: 'A technician visit is booked for {{date window.from}}',
    text: 'Hello {{name}},\n\n{{technicianName}} will visit to look at your appliance on {{window window}}.{{#if appointmentLink}}\n\nTo move or cancel this appointment: {{appointmentLink}}{{/if}}\n\nAppliance Care',
    html: '<p>Hello {{name}},</p><p><b>{{technicianName}}</b> will visit to look at your appliance on <b>{{window window}}</b>.</p>{{#if appointmentLink}}<p><a href="{{appointmentLink}}">Move or cancel this appointment</a></p>{{/if}}',
    sms: 'Technician visit booked: {{window window}} with {{technicianName}}.{{#if appointmentLink}} Move or cancel: {{appointmentLink}}{{/if}}',
  },
  'diagnosis-outcome': {
    subject:
      '{{#if (eq outcome "repair-required")}}Your appliance needs a repair{{else if (eq outcome "resolved")}}Your problem is resolved{{else}}No fault was found{{/if}}',
    text: 'Hello {{name}},\n\n{{#if (eq outcome "repair-required")}}the diagnosis found a fault that needs a repair{{#each faults}}: {{description}}{{/each}}. We are opening a repair ticket.{{else if (eq outcome "resolved")}}the problem with your {{category}} is resolved.{{else}}we found no fault in your {{category}}.{{/if}}{{#if feedbackLink}}\n\nHow did we do? Tell us in a minute: {{feedbackLink}}{{/if}}\n\nAppliance Care',
    html: '<p>Hello {{name}},</p><p>{{#if (eq outcome "repair-required")}}the diagnosis found a fault that needs a repair{{#each faults}}: {{description}}{{/each}}. We are opening a repair ticket.{{else if (eq outcome "resolved")}}the problem with your {{category}} is resolved.{{else}}we found no fault in your {{category}}.{{/if}}</p>{{#if feedbackLink}}<p>How did we do? <a href="{{feedbackLink}}">Tell us in a minute</a></p>{{/if}}',
    sms: 'Diagnosis: {{#if (eq outcome "repair-required")}}repair needed{{else if (eq outcome "resolved")}}resolved{{else}}no fault found{{/if}}.{{#if feedbackLink}} How did we do? {{feedbackLink}}{{/if}}',
  },
  'repair-ticket-opened': {
    subject:
      'Repair ticket {{ticketId}}: {{#if (eq coverage.status "covered")}}covered by warranty{{else}}billable{{/if}}',
    text: 'Hello {{name}},\n\nrepair ticket {{ticketId}} is open. {{#if (eq coverage.status "covered")}}The repair is covered by your warranty.{{else}}The repair is billable{{#if coverage.estimate}} (estimate {{money coverage.estimate.total coverage.estimate.currency}}){{/if}}.{{/if}} We aim to finish by {{date slaDueAt}}.\n\nAppliance Care',
    html: '<p>Hello {{name}},</p><p>repair ticket <b>{{ticketId}}</b> is open. {{#if (eq coverage.status "covered")}}The repair is <b>covered by your warranty</b>.{{else}}The repair is <b>billable</b>{{#if coverage.estimate}} (estimate {{money coverage.estimate.total coverage.estimate.currency}}){{/if}}.{{/if}} We aim to finish by {{date slaDueAt}}.</p>',
    sms: 'Repair ticket {{ticketId}} open ({{#if (eq coverage.status "covered")}}covered by warranty{{else}}billable{{/if}}).',
  },
  'technician-en-route': {
    subject: 'Your technician is on the way',
    text: 'Hello {{name}},\n\nyour technician is on the way and expected at {{date eta}}.\n\nAppliance Care',
    html: '<p>Hello {{name}},</p><p>your technician is on the way and expected at <b>{{date eta}}</b>.</p>',
    sms: 'Your technician is on the way, ETA {{date eta}}.',
  },
  'repair-awaiting-parts': {
    subject: 'Your repair is waiting for parts',
    text: 'Hello {{name}},\n\nyour repair needs parts ({{#each parts}}{{#unless @first}}, {{/unless}}{{quantity}} × {{name}}{{/each}}), expected by {{date expectedAt}}. We will continue as soon as they arrive.\n\nAppliance Care',
    html: '<p>Hello {{name}},</p><p>your repair needs parts, expected by <b>{{date expectedAt}}</b>:</p><ul>{{#each parts}}<li>{{quantity}} × {{name}}</li>{{/each}}</ul><p>We will continue as soon as they arrive.</p>',
    sms: 'Your repair is waiting for parts, expected {{date expectedAt}}.',
  },
  'repair-completed': {
    subject: 'Your appliance is repaired',
    text: 'Hello {{name}},\n\nthe repair is complete: {{workDone}}.{{#if feedbackLink}}\n\nHow did we do? Tell us in a minute: {{feedbackLink}}{{/if}}\n\nAppliance Care',
    html: '<p>Hello {{name}},</p><p>the repair is complete: {{workDone}}.</p>{{#if feedbackLink}}<p>How did we do? <a href="{{feedbackLink}}">Tell us in a minute</a></p>{{/if}}',
    sms: 'Your appliance is repaired.{{#if feedbackLink}} How did we do? {{feedbackLink}}{{/if}}',
  },
  'repair-cancelled': {
    subject: 'Repair {{ticketId}} cancelled',
    text: 'Hello {{name}},\n\nrepair {{ticketId}} was cancelled: {{reason}}.\n\nAppliance Care',
    html: '<p>Hello {{name}},</p><p>repair <b>{{ticketId}}</b> was cancelled: {{reason}}.</p>',
    sms: 'Repair {{ticketId}} was cancelled.',
  },
  'sla-breach-apology': {
    subject: 'We are sorry: your repair is late',
    text: 'Hello {{name}},\n\nwe promised to finish repair {{ticketId}} by {{date slaDueAt}} and we have not. We apologise; it now has our highest priority.\n\nAppliance Care',
    html: '<p>Hello {{name}},</p><p>we promised to finish repair <b>{{ticketId}}</b> by {{date slaDueAt}} and we have not. We apologise; it now has our highest priority.</p>',
    sms: 'Sorry: repair {{ticketId}} is late. It now has our highest priority.',
  },
  'work-order-assigned': {
    subject: 'New {{kind}} job {{workOrderId}}: {{date window.from}}',
    text: 'Hello {{name}},\n\nnew {{kind}} job {{workOrderId}} (appliance {{applianceId}}) on {{window window}}.{{#if address}}\nAddress: {{address.line1}}, {{address.postalCode}} {{address.city}}{{/if}}{{#if summary}}\n{{summary}}{{/if}}\n\nAppliance Care dispatch',
    html: '<p>Hello {{name}},</p><p>new <b>{{kind}}</b> job {{workOrderId}} (appliance {{applianceId}}) on <b>{{window window}}</b>.</p>{{#if address}}<p>Address: {{address.line1}}, {{address.postalCode}} {{address.city}}</p>{{/if}}{{#if summary}}<p>{{summary}}</p>{{/if}}',
    sms: 'New {{kind}} job {{workOrderId}}: {{window window}}{{#if address}}, {{address.postalCode}} {{address.city}}{{/if}}.',
  },
  'work-order-reassigned': {
    subject: 'Job {{workOrderId}} is no longer yours',
    text: 'Hello {{name}},\n\nthe {{kind}} job {{workOrderId}} on {{window window}} was taken off your calendar ({{reason}}).\n\nAppliance Care dispatch',
    html: '<p>Hello {{name}},</p><p>the {{kind}} job {{workOrderId}} on {{window window}} was taken off your calendar ({{reason}}).</p>',
    sms: 'Job {{workOrderId}} on {{date window.from}} is off your calendar ({{reason}}).',
  },
  'work-order-cancelled': {
    subject: 'Job {{workOrderId}} cancelled',
    text: 'Hello {{name}},\n\nthe {{kind}} job {{workOrderId}} on {{window window}} was cancelled.\n\nAppliance Care dispatch',
    html: '<p>Hello {{name}},</p><p>the {{kind}} job {{workOrderId}} on {{window window}} was cancelled.</p>',
    sms: 'Job {{workOrderId}} on {{date window.from}} is cancelled.',
  },
  'repair-cancelled-technician': {
    subject: 'Repair {{ticketId}} cancelled',
    text: 'Hello {{name}},\n\nrepair {{ticketId}} (appliance {{applianceId}}) was cancelled by the {{cancelledBy}}: {{reason}}. Do not go.\n\nAppliance Care dispatch',
    html: '<p>Hello {{name}},</p><p>repair <b>{{ticketId}}</b> (appliance {{applianceId}}) was cancelled by the {{cancelledBy}}: {{reason}}. Do not go.</p>',
    sms: 'Repair {{ticketId}} cancelled. Do not go.',
  },
  'repair-visit-booked': {
    subject: 'Your repair visit is booked for {{date window.from}}',
    text: 'Hello {{name}},\n\n{{technicianName}} will come to repair your appliance on {{window window}}.{{#if appointmentLink}}\n\nTo move or cancel this appointment: {{appointmentLink}}{{/if}}\n\nAppliance Care',
    html: '<p>Hello {{name}},</p><p><b>{{technicianName}}</b> will come to repair your appliance on <b>{{window window}}</b>.</p>{{#if appointmentLink}}<p><a href="{{appointmentLink}}">Move or cancel this appointment</a></p>{{/if}}',
    sms: 'Repair visit booked: {{window window}} with {{technicianName}}.{{#if appointmentLink}} Move or cancel: {{appointmentLink}}{{/if}}',
  },
  'appointment-cancelled': {
    subject: 'Your {{#if (eq kind "installation")}}installation{{else}}technician visit{{/if}} is cancelled',
    text: 'Hello {{name}},\n\nyour {{#if (eq kind "installation")}}installation{{else}}technician visit{{/if}}{{#if window}} on {{window window}}{{/if}} is cancelled: {{reason}}.\n\nAppliance Care',
    html: '<p>Hello {{name}},</p><p>your {{#if (eq kind "installation")}}installation{{else}}technician visit{{/if}}{{#if window}} on <b>{{window window}}</b>{{/if}} is cancelled: {{reason}}.</p>',
    sms: 'Your {{#if (eq kind "installation")}}installation{{else}}technician visit{{/if}}{{#if window}} on {{date window.from}}{{/if}} is cancelled.',
  },
  'appointment-cancelled-technician': {
    subject: 'Job {{workOrderId}} cancelled',
    text: 'Hello {{name}},\n\nthe {{kind}} job {{workOrderId}} (appliance {{applianceId}}){{#if window}} on {{window window}}{{/if}} was cancelled by the {{cancelledBy}}: {{reason}}. Do not go.\n\nAppliance Care dispatch',
    html: '<p>Hello {{name}},</p><p>the {{kind}} job <b>{{workOrderId}}</b> (appliance {{applianceId}}){{#if window}} on {{window window}}{{/if}} was cancelled by the {{cancelledBy}}: {{reason}}. Do not go.</p>',
    sms: 'Job {{workOrderId}}{{#if window}} on {{date window.from}}{{/if}} cancelled. Do not go.',
  },
  'appointment-bumped': {
    subject: 'We have to move your appointment of {{date window.from}}',
    text: 'Hello {{name}},\n\nwe are sorry: an emergency needs your technician on {{window window}}, so we have to move your {{#if (eq kind "installation")}}installation{{else if (eq kind "repair")}}repair visit{{else}}technician visit{{/if}}. We are booking a new time now and will send it to you shortly.\n\nAppliance Care',
    html: '<p>Hello {{name}},</p><p>we are sorry: an emergency needs your technician on <b>{{window window}}</b>, so we have to move your {{#if (eq kind "installation")}}installation{{else if (eq kind "repair")}}repair visit{{else}}technician visit{{/if}}. We are booking a new time now and will send it to you shortly.</p>',
    sms: 'Sorry: an emergency takes your appointment of {{date window.from}}. A new time follows shortly.',
  },
  'repair-parts-arrived': {
    subject: 'The parts for your repair have arrived',
    text: 'Hello {{name}},\n\nthe parts for repair {{ticketId}} ({{#each parts}}{{#unless @first}}, {{/unless}}{{quantity}} × {{name}}{{/each}}) have arrived. We are booking the return visit and will tell you its time.\n\nAppliance Care',
    html: '<p>Hello {{name}},</p><p>the parts for repair <b>{{ticketId}}</b> have arrived:</p><ul>{{#each parts}}<li>{{quantity}} × {{name}}</li>{{/each}}</ul><p>We are booking the return visit and will tell you its time.</p>',
    sms: 'The parts for repair {{ticketId}} have arrived; we are booking the return visit.',
  },
  'repair-replacement-approved': {
    subject: 'We will replace your appliance under warranty',
    text: "Hello {{name}},\n\nrepairing your appliance (repair {{ticketId}}) is not worth it: {{reason}}. We will replace it under warranty instead; the new appliance's serial and warranty follow with its registration.\n\nAppliance Care",
    html: "<p>Hello {{name}},</p><p>repairing your appliance (repair <b>{{ticketId}}</b>) is not worth it: {{reason}}. We will <b>replace it under warranty</b> instead; the new appliance's serial and warranty follow with its registration.</p>",
    sms: 'Repair {{ticketId}}: we will replace your appliance under warranty instead.',
  },
  'installation-failed': {
    subject: 'Your installation could not be completed',
    text: 'Hello {{name}},\n\nthe installation on {{date failedAt}} could not be completed: {{reason}}. We are booking a new visit and will tell you its time.\n\nAppliance Care',
    html: '<p>Hello {{name}},</p><p>the installation on {{date failedAt}} could not be completed: {{reason}}. We are booking a new visit and will tell you its time.</p>',
    sms: 'Your installation could not be completed ({{reason}}). We are booking a new visit.',
  },
  'installation-rescheduled': {
    subject: 'Your installation visit is moving',
    text: 'Hello {{name}},\n\nyour installation visit has to move: {{reason}}. We are booking a new visit{{#if preferredWindow}} around {{window preferredWindow}}{{/if}} and will tell you its time.\n\nAppliance Care',
    html: '<p>Hello {{name}},</p><p>your installation visit has to move: {{reason}}. We are booking a new visit{{#if preferredWindow}} around <b>{{window preferredWindow}}</b>{{/if}} and will tell you its time.</p>',
    sms: 'Your installation visit is moving ({{reason}}). The new time follows.',
  },
  // a reminder before an appointment (reminder sweeper): what, when, who
  'appointment-reminder': {
    subject:
      'Reminder: your {{#if (eq kind "installation")}}installation{{else if (eq kind "repair")}}repair visit{{else}}technician visit{{/if}} on {{date window.from}}',
    text: 'Hello {{name}},\n\na reminder of your {{#if (eq kind "installation")}}installation{{else if (eq kind "repair")}}repair visit{{else}}technician visit{{/if}}: {{#if technicianName}}{{technicianName}}{{else}}our technician{{/if}} will come on {{window window}}.{{#if address}}\nAddress: {{address.line1}}, {{address.postalCode}} {{address.city}}{{/if}}\nPlease make sure someone is at home and the appliance can be reached.{{#if appointmentLink}}\n\nMove or cancel the appointment: {{appointmentLink}}{{/if}}\n\nAppliance Care',
    html: '<p>Hello {{name}},</p><p>a reminder of your {{#if (eq kind "installation")}}installation{{else if (eq kind "repair")}}repair visit{{else}}technician visit{{/if}}: {{#if technicianName}}<b>{{technicianName}}</b>{{else}}our technician{{/if}} will come on <b>{{window window}}</b>.</p>{{#if address}}<p>Address: {{address.line1}}, {{address.postalCode}} {{address.city}}</p>{{/if}}<p>Please make sure someone is at home and the appliance can be reached.</p>{{#if appointmentLink}}<p><a href="{{appointmentLink}}">Move or cancel the appointment</a></p>{{/if}}',
    sms: 'Reminder: {{#if (eq kind "installation")}}installation{{else if (eq kind "repair")}}repair visit{{else}}technician visit{{/if}} {{window window}}{{#if technicianName}} with {{technicianName}}{{/if}}.{{#if appointmentLink}} Move or cancel: {{appointmentLink}}{{/if}}',
  },
  // the dispatch team's alerts
  'dispatch-unassignable': {
    subject: 'Unassignable: {{kind}} work order {{workOrderId}}{{#if region}} ({{region}}){{/if}}',
    text: 'Hello {{name}},\n\nnobody could be booked for the {{kind}} work order {{workOrderId}} (appliance {{applianceId}}{{#if region}}, region {{region}}{{/if}}): {{reason}}.\nIt waits on the board; place it by hand with POST /api/v1/work-orders/{{workOrderId}}/assign.\n\nAppliance Care notifications',
    html: '<p>Hello {{name}},</p><p>nobody could be booked for the {{kind}} work order <b>{{workOrderId}}</b> (appliance {{applianceId}}{{#if region}}, region {{region}}{{/if}}): {{reason}}.</p><p>It waits on the board; place it by hand with <code>POST /api/v1/work-orders/{{workOrderId}}/assign</code>.</p>',
    sms: 'Unassignable: {{kind}} work order {{workOrderId}}{{#if region}} ({{region}}){{/if}}: {{reason}}.',
  },
  'dispatch-maintenance-overdue': {
    subject: 'Maintenance overdue: appliance {{applianceId}} (due {{date dueAt}})',
    text: 'Hello {{name}},\n\nthe {{planName}} of appliance {{applianceId}} (customer {{customerId}}, region {{region}}) was due on {{date dueAt}} and has not been done.{{#if workOrderId}} Work order: {{workOrderId}}.{{else}} No visit is booked.{{/if}}\n\nAppliance Care notifications',
    html: '<p>Hello {{name}},</p><p>the <b>{{planName}}</b> of appliance {{applianceId}} (customer {{customerId}}, region {{region}}) was due on <b>{{date dueAt}}</b> and has not been done.{{#if workOrderId}} Work order: {{workOrderId}}.{{else}} No visit is booked.{{/if}}</p>',
    sms: 'Maintenance overdue: appliance {{applianceId}}, due {{date dueAt}}.',
  },
  'dispatch-sla-at-risk': {
    subject: 'SLA at risk: repair {{ticketId}} due {{date slaDueAt}}',
    text: 'Hello {{name}},\n\nrepair {{ticketId}} ({{priority}} priority, appliance {{applianceId}}{{#if region}}, region {{region}}{{/if}}) is at risk of missing its SLA: it is due by {{date slaDueAt}}.{{#if technicianId}} Technician: {{technicianId}}.{{else}} No technician is booked.{{/if}}\n\nAppliance Care notifications',
    html: '<p>Hello {{name}},</p><p>repair <b>{{ticketId}}</b> ({{priority}} priority, appliance {{applianceId}}{{#if region}}, region {{region}}{{/if}}) is at risk of missing its SLA: it is due by <b>{{date slaDueAt}}</b>.{{#if technicianId}} Technician: {{technicianId}}.{{else}} No technician is booked.{{/if}}</p>',
    sms: 'SLA at risk: repair {{ticketId}} due {{date slaDueAt}}.',
  },
  'dispatch-sla-breached': {
    subject: 'SLA breached: repair {{ticketId}}',
    text: 'Hello {{name}},\n\nrepair {{ticketId}} ({{priority}} priority, appliance {{applianceId}}{{#if region}}, region {{region}}{{/if}}) missed its SLA: it was due by {{date slaDueAt}}.{{#if technicianId}} Technician: {{technicianId}}.{{else}} No technician is booked.{{/if}} The customer has been sent an apology.\n\nAppliance Care notifications',
    html: '<p>Hello {{name}},</p><p>repair <b>{{ticketId}}</b> ({{priority}} priority, appliance {{applianceId}}{{#if region}}, region {{region}}{{/if}}) missed its SLA: it was due by <b>{{date slaDueAt}}</b>.{{#if technicianId}} Technician: {{technicianId}}.{{else}} No technician is booked.{{/if}} The customer has been sent an apology.</p>',
    sms: 'SLA breached: repair {{ticketId}} (due {{date slaDueAt}}).',
  },
  'dispatch-replacement-proposed': {
    subject: 'Replacement proposed: repair {{ticketId}}',
    text: 'Hello {{name}},\n\nrepair {{ticketId}} (appliance {{applianceId}}, region {{region}}) proposes a warranty replacement: {{reason}}. Approve or reject it on the ticket.\n\nAppliance Care notifications',
    html: '<p>Hello {{name}},</p><p>repair <b>{{ticketId}}</b> (appliance {{applianceId}}, region {{region}}) proposes a <b>warranty replacement</b>: {{reason}}. Approve or reject it on the ticket.</p>',
    sms: 'Replacement proposed: repair {{ticketId}} ({{reason}}).',
  },
};
