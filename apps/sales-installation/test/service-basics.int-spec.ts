import { describeServiceBasics } from '@appliance-care/service-testing';

import { AppModule } from '../src/app.module';

describeServiceBasics('sales-installation', (config) => AppModule.register(config));
