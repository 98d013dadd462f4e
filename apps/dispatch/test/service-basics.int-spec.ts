import { describeServiceBasics } from '@appliance-care/service-testing';

import { AppModule } from '../src/app.module';

describeServiceBasics('dispatch', (config) => AppModule.register(config));
