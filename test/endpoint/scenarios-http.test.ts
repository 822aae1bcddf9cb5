/** The in-process scenario suite again, with the real SDK reaching the mock over HTTP (`endpoint: server.url`). */
import { scenarioSuite } from '../support/scenario-suite';
import { useKmsHttpServer } from '../support/mock-over-http';

scenarioSuite(useKmsHttpServer());
