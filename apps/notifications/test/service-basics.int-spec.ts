import { describeServiceBasics } from '@appliance-care/service-testing';

import { AppModule } from '../src/app.module';

describeServiceBasics('notifications', (config) => AppModule.register(config));
