import { describeServiceBasics } from '@appliance-care/testing';
import { AppModule } from '../src/app.module';

describeServiceBasics('repairs', (config) => AppModule.register(config));
