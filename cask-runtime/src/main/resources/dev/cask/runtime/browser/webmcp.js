// Cask's WebMCP observer, installed in every document before the page's own scripts (cask:mint to discover the tools a
// page registers, serve --browser to call an approved one). It records what the page passes to
// document.modelContext / navigator.modelContext (registerTool, unregisterTool, provideContext, clearContext), keeps
// working when the browser has its own modelContext (it forwards every call) and when a polyfill assigns one, and reads
// the declarative form tools (<form toolname tooldescription>) from the DOM. It never sends anything anywhere.
(() => {
  'use strict';
  if (Object.prototype.hasOwnProperty.call(window, '__caskWebMcp')) {
    return;
  }
  const registry = new Map();
  const MAX_TEXT = 64 * 1024;

  const plain = (value, depth) => {
    if (depth > 64) {
      return null;
    }
    if (value === null || typeof value === 'boolean' || typeof value === 'number' || typeof value === 'string') {
      return value;
    }
    if (Array.isArray(value)) {
      return value.map((item) => plain(item, depth + 1));
    }
    if (typeof value === 'object') {
      const out = {};
      for (const key of Object.keys(value)) {
        const item = value[key];
        if (typeof item !== 'function' && item !== undefined) {
          out[key] = plain(item, depth + 1);
        }
      }
      return out;
    }
    return null;
  };

  const text = (value) => (typeof value === 'string' ? value.slice(0, MAX_TEXT) : null);

  const hints = (annotations) => {
    if (!annotations || typeof annotations !== 'object') {
      return null;
    }
    const out = {};
    for (const key of ['title', 'readOnlyHint', 'destructiveHint', 'idempotentHint', 'openWorldHint']) {
      const value = annotations[key];
      if (key === 'title' ? typeof value === 'string' : typeof value === 'boolean') {
        out[key] = key === 'title' ? value.slice(0, 1024) : value;
      }
    }
    return Object.keys(out).length ? out : null;
  };

  const record = (tool) => {
    if (!tool || typeof tool !== 'object' || typeof tool.name !== 'string') {
      return;
    }
    registry.set(tool.name, {
      name: tool.name,
      description: text(tool.description),
      inputSchema: tool.inputSchema && typeof tool.inputSchema === 'object' ? plain(tool.inputSchema, 0) : null,
      annotations: hints(tool.annotations),
      declaredBy: 'registerTool',
      execute: typeof tool.execute === 'function' ? tool.execute : null,
    });
  };

  const forward = (target, method, args) => {
    if (target && typeof target[method] === 'function') {
      return target[method](...args);
    }
    return undefined;
  };

  // A modelContext that records every registration, forwarding to the browser's or a polyfill's own when there is one.
  const observed = (inner) => {
    if (inner && inner.__caskObserved) {
      return inner;
    }
    const context = {
      registerTool(tool) {
        record(tool);
        return forward(inner, 'registerTool', [tool]);
      },
      unregisterTool(name) {
        registry.delete(typeof name === 'string' ? name : name && name.name);
        return forward(inner, 'unregisterTool', [name]);
      },
      provideContext(options) {
        registry.clear();
        for (const tool of (options && options.tools) || []) {
          record(tool);
        }
        return forward(inner, 'provideContext', [options]);
      },
      clearContext() {
        registry.clear();
        return forward(inner, 'clearContext', []);
      },
    };
    Object.defineProperty(context, '__caskObserved', { value: true });
    return inner ? new Proxy(inner, {
      get(target, key) {
        if (key in context) {
          return context[key];
        }
        const value = Reflect.get(target, key);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    }) : context;
  };

  for (const holder of [document, navigator]) {
    let current;
    try {
      const existing = holder.modelContext;
      current = existing ? observed(existing) : undefined;
    } catch (e) {
      current = undefined;
    }
    try {
      Object.defineProperty(holder, 'modelContext', {
        configurable: true,
        enumerable: true,
        get() {
          if (!current) {
            current = observed(undefined);
          }
          return current;
        },
        set(value) {
          current = value ? observed(value) : undefined;
        },
      });
    } catch (e) {
      // A browser that does not let the property be redefined: its own registrations are not seen.
    }
  }

  const CONTROL_TYPES = {
    number: { type: 'number' },
    range: { type: 'number' },
    checkbox: { type: 'boolean' },
    email: { type: 'string', format: 'email' },
    url: { type: 'string', format: 'uri' },
    date: { type: 'string', format: 'date' },
    'datetime-local': { type: 'string' },
    time: { type: 'string' },
  };
  const SKIPPED_TYPES = new Set(['hidden', 'submit', 'button', 'reset', 'image', 'file']);

  // The schema of a declarative form tool: one property per named control, typed by the control; never a value the
  // form holds (those may be the user's data), except a select's options, which the page wrote.
  const formTool = (form) => {
    const properties = {};
    const required = [];
    for (const control of form.elements) {
      const name = control.getAttribute('toolparamname') || control.name;
      const type = (control.type || '').toLowerCase();
      if (!name || SKIPPED_TYPES.has(type) || control.disabled || properties[name]) {
        continue;
      }
      let schema;
      if (control.tagName === 'SELECT') {
        const options = Array.from(control.options).map((option) => option.value);
        schema = control.multiple ? { type: 'array', items: { type: 'string', enum: options } } : { type: 'string', enum: options };
      } else if (type === 'radio') {
        const options = Array.from(form.elements).filter((other) => other.type === 'radio' && other.name === control.name)
          .map((other) => other.value);
        schema = { type: 'string', enum: options };
      } else {
        schema = Object.assign({}, CONTROL_TYPES[type] || { type: 'string' });
      }
      const description = control.getAttribute('toolparamdescription');
      if (description) {
        schema.description = description.slice(0, MAX_TEXT);
      }
      properties[name] = schema;
      if (control.required) {
        required.push(name);
      }
    }
    const inputSchema = { type: 'object', properties };
    if (required.length) {
      inputSchema.required = required;
    }
    return {
      name: form.getAttribute('toolname'),
      description: text(form.getAttribute('tooldescription')),
      inputSchema,
      annotations: null,
      declaredBy: 'form',
    };
  };

  const forms = () => Array.from(document.querySelectorAll('form[toolname]'))
    .filter((form) => form.getAttribute('toolname'));

  const describe = (tool) => ({
    name: tool.name,
    description: tool.description,
    inputSchema: tool.inputSchema,
    annotations: tool.annotations,
    declaredBy: tool.declaredBy,
  });

  const list = () => {
    const tools = Array.from(registry.values()).map(describe);
    for (const form of forms()) {
      if (!registry.has(form.getAttribute('toolname'))) {
        tools.push(formTool(form));
      }
    }
    return tools;
  };

  const fillAndSubmit = (form, args) => {
    for (const [name, value] of Object.entries(args || {})) {
      const control = Array.from(form.elements).find((c) => (c.getAttribute('toolparamname') || c.name) === name);
      if (!control) {
        continue;
      }
      if (control.type === 'checkbox') {
        control.checked = value === true;
      } else if (control.type === 'radio') {
        for (const radio of Array.from(form.elements).filter((c) => c.type === 'radio' && c.name === control.name)) {
          radio.checked = radio.value === String(value);
        }
      } else if (control.tagName === 'SELECT' && control.multiple && Array.isArray(value)) {
        for (const option of control.options) {
          option.selected = value.includes(option.value);
        }
      } else {
        control.value = value === null || value === undefined ? '' : String(value);
      }
      control.dispatchEvent(new Event('input', { bubbles: true }));
      control.dispatchEvent(new Event('change', { bubbles: true }));
    }
    form.requestSubmit();
    return { content: [{ type: 'text', text: 'The form was submitted.' }] };
  };

  const call = async (name, args) => {
    const tool = registry.get(name);
    if (tool && tool.execute) {
      // The agent is a governed server, not a person in front of the page: it cannot answer the page's prompts.
      const client = {
        requestUserInteraction: async () => {
          throw new Error('this tool asked for user interaction, which a governed agent cannot give');
        },
      };
      return plain(await tool.execute(args || {}, client), 0);
    }
    const form = forms().find((candidate) => candidate.getAttribute('toolname') === name);
    if (form) {
      return fillAndSubmit(form, args);
    }
    throw new Error('missing');
  };

  Object.defineProperty(window, '__caskWebMcp', {
    value: Object.freeze({
      list,
      has: (name) => registry.has(name) || forms().some((form) => form.getAttribute('toolname') === name),
      call,
    }),
  });
})();
