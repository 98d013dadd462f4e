// The six services as processes now live in libs/testing (the console's browser tests start them too).
export { ROOT, Service, ServiceProcesses, SERVICES } from '@appliance-care/testing';
