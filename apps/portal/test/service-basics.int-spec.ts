import { describeServiceBasics } from '@appliance-care/service-testing';

import { AppModule } from '../src/app.module';

describeServiceBasics('portal', (config) => AppModule.register(config));
