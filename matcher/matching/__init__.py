"""Assembly: match(project) runs search -> scoring -> explanations with the serving model."""
