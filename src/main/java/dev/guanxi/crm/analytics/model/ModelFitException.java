package dev.guanxi.crm.analytics.model;

/** A maximum-likelihood fit did not converge (or the data cannot identify the model's parameters). */
public class ModelFitException extends RuntimeException {

    public ModelFitException(String message) {
        super(message);
    }
}
