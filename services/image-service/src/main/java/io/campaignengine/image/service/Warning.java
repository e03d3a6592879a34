package io.campaignengine.image.service;

/** Something accepted that the caller may want to look at (e.g. a tag the active playbook does not know). */
public record Warning(String field, String message) {
}
