package io.campaignengine.playbook.service;

import io.campaignengine.playbook.domain.TaskStatus;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;

import java.time.LocalDate;

/**
 * Body of PUT /api/tasks/{id}: fields left out or null stay unchanged. {@code status} may be set to pending or
 * in_progress (also to unblock); completing and blocking have their own actions.
 */
public record TaskInput(
        @Size(min = 1, max = 255) String title,
        String description,
        String instructions,
        @Min(1) @Max(10) Integer priority,
        LocalDate dueDate,
        TaskStatus status) {
}
