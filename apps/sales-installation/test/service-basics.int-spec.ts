import { describeServiceBasics } from '@appliance-care/testing';
import { AppModule } from '../src/app.module';

describeServiceBasics('sales-installation', (config) => AppModule.register(config));
