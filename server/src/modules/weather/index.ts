export { registerWeatherRoutes, registerWeatherWebhook } from './weather.routes.js';
