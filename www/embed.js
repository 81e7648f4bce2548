// The embed demo's one module script: register <quote-lens>.
import { define } from "./quote-lens.js";
define();
