import { ComponentType } from 'react';

import { ConsoleRole } from '../auth/session';
import { CustomerPage } from '../customer/customer.page';
import { BoardPage } from '../dispatcher/board.page';
import { MyQueuePage } from '../library/my-queue.page';
import { TechnicalServicesPage } from '../library/technical-services.page';
import { TechnicianPage } from '../technician/technician.page';

/** The one place that says which screen each role works in, and at which path. */
export interface Screen {
  path: string;
  title: string;
  roles: readonly ConsoleRole[];
  component: ComponentType;
}

export const SCREENS: readonly Screen[] = [
  { path: '/dispatcher', title: 'Schedule board', roles: ['dispatcher', 'admin'], component: BoardPage },
  { path: '/technician', title: 'My day', roles: ['technician'], component: TechnicianPage },
  { path: '/customer', title: 'My appliances', roles: ['customer'], component: CustomerPage },
  // the library's technical services (issue 21); an admin reaches the librarian's screen by its path
  { path: '/library/queue', title: 'My queue', roles: ['library-technician'], component: MyQueuePage },
  {
    path: '/library/technical-services',
    title: 'Technical services',
    roles: ['librarian', 'admin'],
    component: TechnicalServicesPage,
  },
];

export const LOGIN_PATH = '/login';

/** The screen a role lands on after signing in. */
export function homeOf(role: ConsoleRole): Screen {
  const screen = SCREENS.find((s) => s.roles.includes(role));
  if (!screen) throw new Error(`no screen for the ${role} role`);
  return screen;
}

/** The screen at this path if the role may see it, else the role's home. */
export function screenFor(path: string, role: ConsoleRole): Screen {
  return SCREENS.find((s) => s.path === path && s.roles.includes(role)) ?? homeOf(role);
}
