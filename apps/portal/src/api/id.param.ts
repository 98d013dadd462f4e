import { idString } from '@appliance-care/contracts';

export const idParam = idString;
