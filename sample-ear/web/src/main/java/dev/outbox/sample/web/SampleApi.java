package dev.outbox.sample.web;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The REST API, under {@code /api}; its resources are found by scanning. */
@ApplicationPath("api")
public class SampleApi extends Application {
}
