package dev.guanxi.crm.dataio.web;

import dev.guanxi.crm.common.ConflictException;
import dev.guanxi.crm.common.FieldProblem;
import dev.guanxi.crm.common.ImportTarget;
import dev.guanxi.crm.common.ImportTarget.Mode;
import dev.guanxi.crm.common.InvalidInputException;
import dev.guanxi.crm.dataio.internal.ImportEntity;
import dev.guanxi.crm.dataio.internal.ImportJob;
import dev.guanxi.crm.dataio.internal.Importer;
import dev.guanxi.crm.dataio.internal.MappingTemplate;
import dev.guanxi.crm.dataio.internal.MappingTemplates;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Upload, preview and mapping, progress, rejected rows and undo of imports of every entity. */
@Controller
@RequestMapping("/imports")
class ImportPages {

    private final Importer importer;
    private final MappingTemplates templates;

    ImportPages(Importer importer, MappingTemplates templates) {
        this.importer = importer;
        this.templates = templates;
    }

    @GetMapping
    String list(Model model) {
        model.addAttribute("jobs", importer.recent());
        model.addAttribute("entities", ImportEntity.values());
        model.addAttribute("templates", templates.listAllowed());
        return "dataio/imports";
    }

    @PostMapping
    String upload(@RequestParam(name = "file", required = false) MultipartFile file,
                  @RequestParam(name = "entity", defaultValue = "CUSTOMER") String entity, Model model)
            throws IOException {
        model.addAttribute("entity", entity);
        if (file == null || file.isEmpty()) {
            return listWith(model, List.of(new FieldProblem("file", "validation.import-file-empty")));
        }
        try (InputStream in = file.getInputStream()) {
            long id = importer.upload(ImportEntity.parse(entity, "entity"), file.getOriginalFilename(), in,
                    LocaleContextHolder.getLocale());
            return "redirect:/imports/" + id;
        } catch (InvalidInputException e) {
            return listWith(model, e.problems());
        }
    }

    private String listWith(Model model, List<FieldProblem> problems) {
        model.addAttribute("problems", problems);
        return list(model);
    }

    @GetMapping("/{id}")
    String show(@PathVariable long id, @RequestParam(name = "template", required = false) String template,
                Model model) throws IOException {
        ImportJob job = importer.get(id);
        model.addAttribute("job", job);
        model.addAttribute("followUp", importer.followUp(job).name());
        model.addAttribute("undoSupported", importer.target(job.entity()).undoable());
        if (job.status() == ImportJob.Status.DRAFT) {
            Importer.Preview preview;
            try {
                preview = importer.preview(id, template);
            } catch (InvalidInputException e) {
                model.addAttribute("problems", e.problems());
                preview = importer.preview(id, null);
            }
            model.addAttribute("preview", preview);
            model.addAttribute("templates", templates.list(job.entity()));
            if (!model.containsAttribute("selected")) {
                model.addAttribute("selected", preview.suggested());
                if (preview.template() != null) {
                    model.addAttribute("fromTemplate", preview.template());
                    model.addAttribute("mode", preview.template().mode());
                    model.addAttribute("matchKey", preview.template().matchKey());
                }
            }
            ImportTarget target = importer.target(job.entity());
            model.addAttribute("fields", target.fields());
            model.addAttribute("required", target.required());
            model.addAttribute("modes", Mode.values());
            List<String> keys = new ArrayList<>(List.of(ImportTarget.NO_KEY));
            keys.addAll(target.matchKeys().keySet());
            model.addAttribute("keys", keys);
        } else {
            model.addAttribute("errors", importer.errors(id, 100));
        }
        return "dataio/import";
    }

    @GetMapping("/{id}/progress")
    String progress(@PathVariable long id, Model model) {
        ImportJob job = importer.get(id);
        model.addAttribute("job", job);
        model.addAttribute("followUp", importer.followUp(job).name());
        model.addAttribute("undoSupported", importer.target(job.entity()).undoable());
        model.addAttribute("errors", job.working() ? List.of() : importer.errors(id, 100));
        // when the job has ended the whole result replaces the progress bar
        return job.working() ? "dataio/import :: progress" : "dataio/import :: result";
    }

    /** Starts the import; with a template name it first saves the mapping as that template. */
    @PostMapping("/{id}/start")
    String start(@PathVariable long id, @RequestParam(name = "column", required = false) String[] columns,
                 @RequestParam(defaultValue = "CREATE_ONLY") String mode,
                 @RequestParam(defaultValue = "NONE") String matchKey,
                 @RequestParam(name = "templateName", required = false) String templateName, Model model)
            throws IOException {
        List<String> fields = columns == null ? List.of() : new ArrayList<>(Arrays.asList(columns));
        if (templateName != null && !templateName.isBlank()) {
            MappingTemplate saved = saveTemplate(id, fields, mode, matchKey, templateName, model);
            if (saved == null) {
                return showAgain(id, fields, mode, matchKey, templateName, model);
            }
            model.addAttribute("templateSaved", saved.name());
        }
        try {
            importer.start(id, fields, Importer.choice(Mode.class, mode, "mode"), matchKey);
            return "redirect:/imports/" + id;
        } catch (InvalidInputException e) {
            model.addAttribute("problems", e.problems());
            return showAgain(id, fields, mode, matchKey, null, model);
        } catch (ConflictException e) {
            return "redirect:/imports/" + id;
        }
    }

    /** Saves the mapping as a template without starting the import, and shows the mapping from it. */
    @PostMapping("/{id}/template")
    String saveTemplate(@PathVariable long id, @RequestParam(name = "column", required = false) String[] columns,
                        @RequestParam(defaultValue = "CREATE_ONLY") String mode,
                        @RequestParam(defaultValue = "NONE") String matchKey,
                        @RequestParam(name = "templateName", required = false) String templateName, Model model,
                        RedirectAttributes redirect) throws IOException {
        List<String> fields = columns == null ? List.of() : new ArrayList<>(Arrays.asList(columns));
        MappingTemplate saved = saveTemplate(id, fields, mode, matchKey, templateName, model);
        if (saved == null) {
            return showAgain(id, fields, mode, matchKey, templateName, model);
        }
        redirect.addFlashAttribute("templateSaved", saved.name());
        return "redirect:/imports/" + id + "?template=" + saved.id();
    }

    /** The saved template, or null with the problems in the model. */
    private MappingTemplate saveTemplate(long id, List<String> fields, String mode, String matchKey, String name,
                                         Model model) throws IOException {
        ImportJob job = importer.get(id);
        List<String> header = importer.preview(id, null).header();
        Map<String, String> mapping = new LinkedHashMap<>();
        for (int i = 0; i < header.size(); i++) {
            if (header.get(i) != null && !header.get(i).isBlank()) {
                mapping.put(header.get(i), i < fields.size() ? fields.get(i) : null);
            }
        }
        try {
            return templates.create(job.entity(), name, mapping, mode, matchKey);
        } catch (InvalidInputException e) {
            model.addAttribute("problems", e.problems());
        } catch (ConflictException e) {
            model.addAttribute("problems", List.of(new FieldProblem("name", "validation.import-template-name-taken")));
        }
        return null;
    }

    private String showAgain(long id, List<String> fields, String mode, String matchKey, String templateName,
                             Model model) throws IOException {
        model.addAttribute("selected", fields);
        model.addAttribute("mode", mode);
        model.addAttribute("matchKey", matchKey);
        model.addAttribute("templateName", templateName);
        return show(id, null, model);
    }

    @PostMapping("/templates/{templateId}/delete")
    String deleteTemplate(@PathVariable long templateId, RedirectAttributes redirect) {
        MappingTemplate template = templates.get(templateId);
        templates.delete(templateId);
        redirect.addFlashAttribute("templateDeleted", template.name());
        return "redirect:/imports";
    }

    @PostMapping("/{id}/undo")
    String undo(@PathVariable long id, RedirectAttributes redirect) {
        try {
            importer.undo(id);
        } catch (ConflictException e) {
            redirect.addFlashAttribute("error", "imports.undo-impossible");
        }
        return "redirect:/imports/" + id;
    }

    @PostMapping("/{id}/retry")
    String retry(@PathVariable long id, RedirectAttributes redirect) {
        try {
            importer.retry(id);
        } catch (ConflictException e) {
            redirect.addFlashAttribute("error", "imports.retry-impossible");
        }
        return "redirect:/imports/" + id;
    }

    @GetMapping("/{id}/errors.csv")
    void errors(@PathVariable long id, HttpServletResponse response) throws IOException {
        importer.get(id);
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
                ContentDisposition.attachment().filename("import-" + id + "-errors.csv").build().toString());
        importer.writeErrors(id, response.getOutputStream());
    }
}
