import { describeServiceBasics } from '@appliance-care/testing';
import { AppModule } from '../src/app.module';

describeServiceBasics('diagnostics', (config) => AppModule.register(config));
