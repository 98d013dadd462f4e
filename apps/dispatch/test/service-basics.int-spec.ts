import { describeServiceBasics } from '@appliance-care/testing';
import { AppModule } from '../src/app.module';

describeServiceBasics('dispatch', (config) => AppModule.register(config));
