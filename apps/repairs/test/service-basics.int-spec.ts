import { describeServiceBasics } from '@appliance-care/service-testing';

import { AppModule } from '../src/app.module';

describeServiceBasics('repairs', (config) => AppModule.register(config));
