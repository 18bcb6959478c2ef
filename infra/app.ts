// Entry point for the CDK CLI (see cdk.json).
import { createQmApp } from './qm-app.js';

createQmApp().app.synth();
